package io.redoubt.dataplane;

import io.redoubt.acl.AclRuleException;
import io.redoubt.acl.AclUser;
import io.redoubt.acl.RuleParser;
import io.redoubt.acl.UserDirectory;
import io.redoubt.acl.UserState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code aclfile}: one {@code user <name> <rules...>} line per user, the format of ACL LIST and
 * Redis's ACL SAVE, so files move between Redis and Redoubt. A file is checked whole before anything
 * changes; the first bad line is reported with its number. Saved files are written to a temporary
 * file readable by the owner only and moved into place, so a crash never leaves half a file.
 */
public final class AclFile {
    /** A file that cannot be loaded; the message names the file and the line. */
    public static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private AclFile() {
    }

    private static final String NOTHING_CHANGED =
            "WARNING: ACL errors detected, no change to the previously active ACL rules was performed";

    /**
     * Parses every line of {@code file} into user states, without changing {@code users}; errors are
     * Redis's texts (path, line, reason) followed by its note that nothing changed.
     */
    public static Map<String, UserState> read(Path file, UserDirectory users) throws Invalid {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Invalid("Error loading ACLs, opening file '" + file + "': " + e.getMessage());
        }
        Map<String, UserState> out = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int n = i + 1;
            List<String> words = new ArrayList<>(Arrays.asList(line.split("\\s+")));
            if (!words.get(0).equals("user") || words.size() < 2) {
                throw new Invalid(file + ":" + n + " should start with user keyword followed by the username. "
                        + NOTHING_CHANGED);
            }
            String name = words.get(1);
            if (out.containsKey(name)) {
                throw new Invalid("WARNING: Duplicate user '" + name + "' found on line " + n + ". " + NOTHING_CHANGED);
            }
            try {
                out.put(name, parseLine(users, words.subList(2, words.size())));
            } catch (AclRuleException e) {
                throw new Invalid(file + ":" + n + ": " + e.getMessage() + ". " + NOTHING_CHANGED);
            } catch (UserDirectory.RuleError e) {
                throw new Invalid(file + ":" + n + ": Error in applying operation '" + shown(e.rule()) + "': "
                        + e.getMessage() + ". " + NOTHING_CHANGED);
            }
        }
        return out;
    }

    /** A rule as error messages show it: password rules ({@code >pw}, {@code <pw}) never with the password. */
    public static String shown(String rule) {
        return rule.startsWith(">") || rule.startsWith("<") ? rule.charAt(0) + "(redacted)" : rule;
    }

    /** The rules of one {@code user} line (config file or aclfile) as a user state. */
    public static UserState parseLine(UserDirectory users, List<String> words)
            throws AclRuleException, UserDirectory.RuleError {
        return users.build(RuleParser.mergeSelectorArgs(words));
    }

    /** ACL SAVE: every user as ACL LIST shows it. */
    public static void write(Path file, UserDirectory users) throws IOException {
        StringBuilder b = new StringBuilder();
        for (AclUser u : users.all()) {
            String line = users.description().line(u);
            if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0 || line.indexOf('\0') >= 0) {
                // never reached while the rule parser refuses blanks; a last guard against a rule that adds users
                throw new IOException("user '" + u.name().replaceAll("[\\r\\n]", " ") + "' holds a line break");
            }
            b.append(line).append('\n');
        }
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "acl-", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the folder's protection applies
            }
            Files.writeString(tmp, b, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
