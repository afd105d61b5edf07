package io.tanhe.cli;

import io.tanhe.server.security.audit.AuditOutcome;
import io.tanhe.server.security.identity.DeviceIdentity;
import io.tanhe.server.store.PrivateFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tanhe identity …}: the terminal's SM2 identity and its certificate. */
@Command(name = "identity", mixinStandardHelpOptions = true,
        description = {"The terminal's SM2 key pair (" + DeviceIdentity.KEY_FILE + " in the data directory, 0600), made at",
                "first start: it signs audit checkpoints and stored configuration versions. 'csr' writes a certificate",
                "request for the platform's CA, 'install' installs the certificate it issued. Run on the machine itself",
                "against a stopped terminal; each command is audited."},
        subcommands = {IdentityCommand.Show.class, IdentityCommand.Csr.class, IdentityCommand.Install.class})
public final class IdentityCommand extends CommandGroup {
    /** {@code tanhe identity show}. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show the key's fingerprint and the installed certificate chain.")
    static final class Show implements Callable<Integer> {
        @Mixin
        StoppedTerminal terminal;

        @Override
        public Integer call() {
            return terminal.run("identity show", local -> {
                System.out.println("key:         SM2 (sm2p256v1), " + terminal.dataDir.resolve(DeviceIdentity.KEY_FILE));
                System.out.println("public key:  " + terminal.dataDir.resolve(DeviceIdentity.PUBLIC_FILE));
                System.out.println("fingerprint: SM3 " + local.identity.fingerprint());
                List<X509Certificate> chain = local.identity.chain();
                if (chain.isEmpty()) {
                    System.out.println("certificate: none installed ('tanhe identity csr' makes the request for the platform's CA)");
                }
                for (int i = 0; i < chain.size(); i++) {
                    X509Certificate c = chain.get(i);
                    System.out.println((i == 0 ? "certificate: " : "issuer:      ") + c.getSubjectX500Principal() + ", valid "
                            + c.getNotBefore().toInstant() + " to " + c.getNotAfter().toInstant() + ", " + c.getSigAlgName());
                }
                local.record(KeysCommand.ROLE, "identity.show", "device identity", AuditOutcome.SUCCESS, "fingerprint " + local.identity.fingerprint());
                return 0;
            });
        }
    }

    /** {@code tanhe identity csr}. */
    @Command(name = "csr", mixinStandardHelpOptions = true, description = "Write a PKCS#10 certificate request (SM3withSM2) for the platform's CA.")
    static final class Csr implements Callable<Integer> {
        @Mixin
        StoppedTerminal terminal;
        @Option(names = "--subject", required = true, paramLabel = "DN", description = "e.g. 'CN=terminal-0042,O=Example Plant,C=CN'")
        String subject;
        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "the file to write; default: standard output")
        Path output;

        @Override
        public Integer call() {
            return terminal.run("identity csr", local -> {
                String pem;
                try {
                    pem = local.identity.csr(subject);
                } catch (IllegalArgumentException e) {
                    local.record(KeysCommand.ROLE, "identity.csr", subject, AuditOutcome.FAILURE, e.getMessage());
                    System.err.println("identity csr: " + e.getMessage());
                    return 2;
                }
                if (output == null) {
                    System.out.print(pem);
                } else {
                    Files.writeString(output, pem);
                    System.err.println("identity csr: request written to " + output + "; send it to the platform's CA");
                }
                local.record(KeysCommand.ROLE, "identity.csr", subject, AuditOutcome.SUCCESS, "request for key " + local.identity.fingerprint());
                return 0;
            });
        }
    }

    /** {@code tanhe identity install}. */
    @Command(name = "install", mixinStandardHelpOptions = true,
            description = {"Install the certificate the CA issued: FILE holds PEM certificates, this terminal's first, then",
                    "its issuers. It is checked against the key, the chain's signatures and the clock first."})
    static final class Install implements Callable<Integer> {
        @Mixin
        StoppedTerminal terminal;
        @Parameters(paramLabel = "FILE", description = "the certificate chain, PEM")
        Path file;

        @Override
        public Integer call() {
            return terminal.run("identity install", local -> {
                try {
                    List<X509Certificate> chain = local.identity.install(Files.readString(file), file.toString(), Instant.now());
                    local.record(KeysCommand.ROLE, "identity.install", chain.getFirst().getSubjectX500Principal().toString(),
                            AuditOutcome.SUCCESS, chain.size() + " certificates, valid to " + chain.getFirst().getNotAfter().toInstant());
                    System.out.println("installed: " + chain.getFirst().getSubjectX500Principal() + " (" + chain.size()
                            + " certificates in the chain) in " + terminal.dataDir.resolve(DeviceIdentity.CHAIN_FILE));
                    PrivateFiles.file(terminal.dataDir.resolve(DeviceIdentity.CHAIN_FILE));
                    return 0;
                } catch (IllegalArgumentException e) {
                    local.record(KeysCommand.ROLE, "identity.install", file.toString(), AuditOutcome.FAILURE, e.getMessage());
                    System.err.println("identity install: nothing installed: " + e.getMessage());
                    return 1;
                }
            });
        }
    }
}
