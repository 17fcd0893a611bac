package io.redoubt.backup;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed server certificate for 127.0.0.1 and localhost, made at test time by the JDK's keytool:
 * a PKCS#12 key store (password {@code changeit}) for the server and the certificate's PEM for the client.
 */
record TestCertificate(Path keystore, String pem) {
    static final String PASSWORD = "changeit";

    static TestCertificate create(Path dir, String alias) throws Exception {
        Path keystore = dir.resolve(alias + ".p12");
        run(dir, "keytool", "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        String pem = run(dir, "keytool", "-exportcert", "-rfc", "-alias", alias, "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD);
        return new TestCertificate(keystore, pem);
    }

    private static String run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
