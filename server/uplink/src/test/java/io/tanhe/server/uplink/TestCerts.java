package io.tanhe.server.uplink;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed certificates made with the JDK's keytool for the HTTPS tests: a server key store for
 * 127.0.0.1, a client key store, and trust stores holding each one's certificate.
 */
record TestCerts(Path serverKeys, Path clientKeys, Path trustServer, Path trustClient) {
    static final String PASSWORD = "changeit";

    static TestCerts create(Path dir) throws IOException, InterruptedException {
        TestCerts c = new TestCerts(dir.resolve("server.p12"), dir.resolve("client.p12"), dir.resolve("trust-server.p12"),
                dir.resolve("trust-client.p12"));
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", c.serverKeys.toString());
        keytool("-genkeypair", "-alias", "client", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=terminal",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", c.clientKeys.toString());
        exportImport(dir, c.serverKeys, "server", c.trustServer);
        exportImport(dir, c.clientKeys, "client", c.trustClient);
        return c;
    }

    private static void exportImport(Path dir, Path keys, String alias, Path trust) throws IOException, InterruptedException {
        Path cert = dir.resolve(alias + ".cer");
        keytool("-exportcert", "-alias", alias, "-keystore", keys.toString(), "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", alias, "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", trust.toString());
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        Path tool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> cmd = new java.util.ArrayList<>(List.of(tool.toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-storepass", PASSWORD));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
        }
    }
}
