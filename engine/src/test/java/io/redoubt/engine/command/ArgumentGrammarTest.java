package io.redoubt.engine.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArgumentGrammarTest {
    private static CommandArgument leaf(String name, ArgumentType type, String token) {
        return new CommandArgument(name, type, null, -1, token, null, null, false, false, false, List.of());
    }

    @Test
    void parsesNamesTypesTokensAndModifiers() {
        List<CommandArgument> args = ArgumentGrammar.parse(
                "key:key#0 condition:oneof@2.6.12?(NX XX) change=CH? \"ip:port\":string=ADDR!2.8.12"
                        + " pattern:pattern=GET#1?*+ x:integer%\"shown \\\"x\\\"\"");
        assertThat(args).containsExactly(
                new CommandArgument("key", ArgumentType.KEY, null, 0, null, null, null, false, false, false, List.of()),
                new CommandArgument("condition", ArgumentType.ONEOF, null, -1, null, "2.6.12", null, true, false,
                        false, List.of(leaf("nx", ArgumentType.PURE_TOKEN, "NX"), leaf("xx", ArgumentType.PURE_TOKEN, "XX"))),
                new CommandArgument("change", ArgumentType.PURE_TOKEN, null, -1, "CH", null, null, true, false, false,
                        List.of()),
                new CommandArgument("ip:port", ArgumentType.STRING, null, -1, "ADDR", null, "2.8.12", false, false,
                        false, List.of()),
                new CommandArgument("pattern", ArgumentType.PATTERN, null, 1, "GET", null, null, true, true, true,
                        List.of()),
                new CommandArgument("x", ArgumentType.INTEGER, "shown \"x\"", -1, null, null, null, false, false, false,
                        List.of()));
        assertThat(args.get(4).flagCount()).isEqualTo(3);
    }

    @Test
    void nestsBlocksInOneofsAndQuotesOddTokens() {
        List<CommandArgument> args = ArgumentGrammar.parse(
                "id_or_auto:oneof(auto_id=\"*\" id:string) empty_string=\"\" data:block*(a:double b:unix-time)");
        assertThat(args).hasSize(3);
        assertThat(args.get(0).arguments()).containsExactly(leaf("auto_id", ArgumentType.PURE_TOKEN, "*"),
                leaf("id", ArgumentType.STRING, null));
        assertThat(args.get(1)).isEqualTo(leaf("empty_string", ArgumentType.PURE_TOKEN, ""));
        assertThat(args.get(2).multiple()).isTrue();
        assertThat(args.get(2).arguments()).extracting(CommandArgument::type)
                .containsExactly(ArgumentType.DOUBLE, ArgumentType.UNIX_TIME);
        assertThat(ArgumentGrammar.parse("")).isEmpty();
    }

    @Test
    void theTreeIsImmutable() {
        List<CommandArgument> args = ArgumentGrammar.parse("a:block(b:string)");
        assertThatThrownBy(() -> args.get(0).arguments().add(leaf("c", ArgumentType.STRING, null)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void malformedDeclarationsFailWithTheOffsetAndTheMistake() {
        fails("key:kye", "at 4: unknown type 'kye'");
        fails("a:oneof(X Y", "at 11: missing ')' for a");
        fails("X)", "at 1: unbalanced ')'");
        fails("a:string??", "at 9: duplicate optional");
        fails("a:string=A=B", "at 10: duplicate token");
        fails("a:string+", "at 0: '+' (multiple_token) needs '*' (multiple) on a");
        fails("a:block", "at 7: block a needs nested arguments in '(' ')'");
        fails("a:string(X)", "at 8: string a cannot have nested arguments");
        fails("a:oneof()", "at 0: oneof a has no nested arguments");
        fails("a:string@6.2", "at 9: expected a version like 6.2.0");
        fails("a:string#x", "at 9: expected a key spec index (0-999)");
        fails("a:integer%x", "at 10: display_text must be quoted");
        fails("\"ip:port:string", "at 0: unterminated quote");
        fails("a:string,b:string", "at 8: expected a space between arguments, found ','");
        fails(":string", "at 0: expected an argument name, found ':'");
        fails("a:pure-token", "at 0: pure-token a needs a token ('=TOKEN')");
        fails("a:string=", "at 9: expected a token, found the end");
    }

    private static void fails(String declaration, String where) {
        assertThatThrownBy(() -> ArgumentGrammar.parse(declaration))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("argument declaration \"" + declaration + "\" " + where);
    }
}
