package io.redoubt.engine.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the compact declaration of a command's argument tree (see {@link CommandSpec.Builder#args})
 * into immutable {@link CommandArgument}s. It runs once per spec while the table is built, so a
 * malformed declaration stops the server at start with a message naming the declaration and the
 * offset of the mistake, never at the first COMMAND DOCS.
 *
 * <pre>
 * arguments := argument (' ' argument)*
 * argument  := word [':' type] modifier* ['(' arguments ')']
 * word      := [A-Za-z0-9_.|-]+ | '"' text '"'      (\" and \\ escape inside quotes)
 * type      := string | integer | double | key | pattern | unix-time | pure-token | oneof | block
 * modifier  := '=' word      token
 *            | '#' digits    key_spec_index
 *            | '@' version   since
 *            | '!' version   deprecated_since
 *            | '%' quoted    display_text
 *            | '?'           optional
 *            | '*'           multiple
 *            | '+'           multiple_token (with '*')
 * </pre>
 *
 * A word without a type is a pure token: {@code NX} is the token NX named {@code nx}, and
 * {@code change=CH} the token CH named {@code change}. Oneof and block take their children in
 * parentheses.
 */
public final class ArgumentGrammar {
    private final String text;
    private int pos;

    private ArgumentGrammar(String text) {
        this.text = text;
    }

    /** The arguments {@code declaration} declares, in order. */
    public static List<CommandArgument> parse(String declaration) {
        ArgumentGrammar g = new ArgumentGrammar(declaration);
        List<CommandArgument> args = g.list();
        g.skipSpaces();
        if (g.pos < g.text.length()) {
            throw g.error(g.peek() == ')' ? "unbalanced ')'" : "unexpected '" + g.peek() + "'");
        }
        return args;
    }

    private List<CommandArgument> list() {
        List<CommandArgument> args = new ArrayList<>();
        skipSpaces();
        while (pos < text.length() && peek() != ')') {
            args.add(argument());
            if (pos < text.length() && peek() != ' ' && peek() != ')') {
                throw error("expected a space between arguments, found '" + peek() + "'");
            }
            skipSpaces();
        }
        return args;
    }

    private CommandArgument argument() {
        int start = pos;
        String word = word("an argument name");
        ArgumentType type = null;
        if (pos < text.length() && peek() == ':') {
            pos++;
            int typeStart = pos;
            while (pos < text.length() && (Character.isLetter(peek()) || peek() == '-')) {
                pos++;
            }
            String t = text.substring(typeStart, pos);
            type = ArgumentType.byWireName(t);
            if (type == null) {
                pos = typeStart;
                throw error("unknown type '" + t + "'");
            }
        }
        String token = null;
        String displayText = null;
        String since = null;
        String deprecatedSince = null;
        int keySpecIndex = -1;
        boolean optional = false;
        boolean multiple = false;
        boolean multipleToken = false;
        boolean more = true;
        while (more && pos < text.length()) {
            char c = peek();
            int at = pos;
            switch (c) {
                case '=' -> {
                    once(token, at, "token");
                    pos++;
                    token = word("a token");
                }
                case '#' -> {
                    once(keySpecIndex < 0 ? null : "", at, "key_spec_index");
                    pos++;
                    keySpecIndex = Integer.parseInt(digits());
                }
                case '@' -> {
                    once(since, at, "since");
                    pos++;
                    since = version();
                }
                case '!' -> {
                    once(deprecatedSince, at, "deprecated_since");
                    pos++;
                    deprecatedSince = version();
                }
                case '%' -> {
                    once(displayText, at, "display_text");
                    pos++;
                    if (pos >= text.length() || peek() != '"') {
                        throw error("display_text must be quoted");
                    }
                    displayText = word("a display text");
                }
                case '?' -> {
                    once(optional ? "" : null, at, "optional");
                    pos++;
                    optional = true;
                }
                case '*' -> {
                    once(multiple ? "" : null, at, "multiple");
                    pos++;
                    multiple = true;
                }
                case '+' -> {
                    once(multipleToken ? "" : null, at, "multiple_token");
                    pos++;
                    multipleToken = true;
                }
                default -> more = false;
            }
        }
        String name = word;
        if (type == null) {
            type = ArgumentType.PURE_TOKEN;
            if (token == null) {
                token = word;
                name = word.toLowerCase(Locale.ROOT);
            }
        } else if (type == ArgumentType.PURE_TOKEN && token == null) {
            throw errorAt(start, "pure-token " + word + " needs a token ('=TOKEN')");
        }
        if (multipleToken && !multiple) {
            throw errorAt(start, "'+' (multiple_token) needs '*' (multiple) on " + word);
        }
        List<CommandArgument> children = List.of();
        if (pos < text.length() && peek() == '(') {
            if (!type.isContainer()) {
                throw error(type.wireName() + " " + word + " cannot have nested arguments");
            }
            pos++;
            children = list();
            if (pos >= text.length()) {
                throw error("missing ')' for " + word);
            }
            pos++;
            if (children.isEmpty()) {
                throw errorAt(start, type.wireName() + " " + word + " has no nested arguments");
            }
        } else if (type.isContainer()) {
            throw error(type.wireName() + " " + word + " needs nested arguments in '(' ')'");
        }
        return new CommandArgument(name, type, displayText, keySpecIndex, token, since, deprecatedSince,
                optional, multiple, multipleToken, children);
    }

    private void once(Object previous, int at, String what) {
        if (previous != null) {
            throw errorAt(at, "duplicate " + what);
        }
    }

    private String word(String what) {
        if (pos >= text.length()) {
            throw error("expected " + what + ", found the end");
        }
        if (peek() == '"') {
            StringBuilder out = new StringBuilder();
            int start = pos++;
            while (pos < text.length() && peek() != '"') {
                char c = text.charAt(pos++);
                if (c == '\\' && pos < text.length()) {
                    c = text.charAt(pos++);
                }
                out.append(c);
            }
            if (pos >= text.length()) {
                throw errorAt(start, "unterminated quote");
            }
            pos++;
            return out.toString();
        }
        int start = pos;
        while (pos < text.length() && bare(peek())) {
            pos++;
        }
        if (start == pos) {
            throw error("expected " + what + ", found '" + peek() + "'");
        }
        return text.substring(start, pos);
    }

    private static boolean bare(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '.' || c == '|' || c == '-';
    }

    private String digits() {
        int start = pos;
        while (pos < text.length() && Character.isDigit(peek())) {
            pos++;
        }
        if (start == pos || pos - start > 3) {
            pos = start;
            throw error("expected a key spec index (0-999)");
        }
        return text.substring(start, pos);
    }

    private String version() {
        int start = pos;
        while (pos < text.length() && (Character.isDigit(peek()) || peek() == '.')) {
            pos++;
        }
        String v = text.substring(start, pos);
        if (!v.matches("[0-9]+\\.[0-9]+\\.[0-9]+")) {
            pos = start;
            throw error("expected a version like 6.2.0");
        }
        return v;
    }

    private void skipSpaces() {
        while (pos < text.length() && peek() == ' ') {
            pos++;
        }
    }

    private char peek() {
        return text.charAt(pos);
    }

    private IllegalArgumentException error(String reason) {
        return errorAt(pos, reason);
    }

    private IllegalArgumentException errorAt(int at, String reason) {
        return new IllegalArgumentException("argument declaration \"" + text + "\" at " + at + ": " + reason);
    }
}
