package io.tanhe.cli;

import io.tanhe.server.api.ApiBinding;
import io.tanhe.server.security.access.Cidr;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The API options {@code tanhe run} and {@code tanhe demo} share: address, port, TLS and the metrics scrapers. */
final class ApiOptions {
    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "API address to bind (default: ${DEFAULT-VALUE}); any non-loopback address needs --tls-keystore")
    String host;

    @Option(names = "--port", defaultValue = "8017", description = "API port; 0 for any free port, -1 for no API (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--tls-keystore", paramLabel = "FILE", description = "serve HTTPS with the key and certificate chain of this PKCS12 keystore")
    Path keystore;

    @Option(names = "--tls-password-file", paramLabel = "FILE", description = "file holding the keystore's password (not on the command line, where ps shows it)")
    Path passwordFile;

    @Option(names = "--metrics-from", paramLabel = "CIDR", split = ",",
            description = "addresses of Prometheus scrapers that may read /metrics without a token (e.g. 10.0.0.5 or 10.0.0.0/24);"
                    + " anyone else needs a viewer's token")
    List<String> metricsFrom = new ArrayList<>();

    /**
     * The scraper allow-list of {@code --metrics-from}.
     *
     * @throws IllegalArgumentException naming the option for a value that is not an address range
     */
    List<Cidr> scrapers() {
        List<Cidr> out = new ArrayList<>();
        for (String s : metricsFrom) {
            try {
                out.add(Cidr.parse(s));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--metrics-from: " + e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    boolean enabled() {
        return port >= 0;
    }

    /**
     * @throws IllegalArgumentException when the TLS options are incomplete or the password file cannot be read,
     *                                  or plain HTTP is asked for on a non-loopback address
     */
    ApiBinding binding() {
        if (keystore == null && passwordFile != null) {
            throw new IllegalArgumentException("--tls-password-file needs --tls-keystore");
        }
        Optional<ApiBinding.Tls> tls = Optional.empty();
        if (keystore != null) {
            if (passwordFile == null) {
                throw new IllegalArgumentException("--tls-keystore needs --tls-password-file FILE with the keystore's password");
            }
            try {
                tls = Optional.of(new ApiBinding.Tls(keystore, Files.readString(passwordFile).strip().toCharArray()));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the TLS password file " + passwordFile + ": " + e.getMessage());
            }
        }
        return new ApiBinding(host, port, tls).checked();
    }
}
