package io.redoubt.node;

import io.redoubt.acl.PasswordHash;
import io.redoubt.acl.UserDirectory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Secure first start: a node launched without any user configuration must not serve an open
 * default user. On the very first start it generates a strong password for the default user, keeps
 * only its SHA-256 in the data folder ({@value #HASH_FILE}), writes the clear text to
 * {@value #PASSWORD_FILE} readable by the owner alone, and prints it once with how to use it.
 * Later starts read the hash only, so deleting the clear-text file after noting the password is safe.
 */
final class FirstStartPassword {
    static final String HASH_FILE = "default-user.sha256";
    static final String PASSWORD_FILE = "default-user.password";
    /** First line of the hash file: its format version. */
    private static final String HEADER = "# redoubt default-user password hash, format 1";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private FirstStartPassword() {
    }

    /** Gives the default user its generated password, creating it first when this is the first start. */
    static void apply(Path dataDir, int port, UserDirectory users, PrintStream out) throws IOException {
        Path hashFile = dataDir.resolve(HASH_FILE);
        PasswordHash hash;
        if (Files.exists(hashFile)) {
            hash = read(hashFile);
        } else {
            byte[] raw = new byte[32];
            new SecureRandom().nextBytes(raw);
            String password = HexFormat.of().formatHex(raw);
            hash = PasswordHash.of(password.getBytes(StandardCharsets.US_ASCII));
            Path passwordFile = dataDir.resolve(PASSWORD_FILE);
            writeOwnerOnly(passwordFile, password + "\n");
            writeOwnerOnly(hashFile, HEADER + "\n" + hash.hex() + "\n");
            out.println("Redoubt first start: no users are configured, so the default user was given this "
                    + "generated password (shown once):");
            out.println("    " + password);
            out.println("It is saved in " + passwordFile + " (readable by its owner only); the server keeps only "
                    + "its SHA-256. Connect with:");
            // REDISCLI_AUTH rather than -a: a password on the command line shows in the process list
            out.println("    REDISCLI_AUTH=\"$(cat " + passwordFile + ")\" redis-cli -p " + port + " ping");
            out.println("Configure requirepass, user lines or an aclfile to choose users yourself.");
            out.flush();
        }
        try {
            users.setUser(UserDirectory.DEFAULT_USER, List.of("on", "resetpass", "#" + hash.hex()));
        } catch (UserDirectory.RuleError e) {
            throw new IllegalStateException("the stored default-user hash was refused: " + e.getMessage(), e);
        }
    }

    private static PasswordHash read(Path hashFile) throws IOException {
        List<String> lines = Files.readAllLines(hashFile, StandardCharsets.US_ASCII);
        if (lines.size() < 2 || !lines.get(0).equals(HEADER) || !PasswordHash.isValid(lines.get(1).strip())) {
            throw new IOException(hashFile + " is not a Redoubt default-user hash file (format 1); remove it to "
                    + "generate a new password");
        }
        return new PasswordHash(lines.get(1).strip());
    }

    /** Creates {@code file} readable by its owner only and writes {@code text} (ASCII) into it. */
    static void writeOwnerOnly(Path file, String text) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
