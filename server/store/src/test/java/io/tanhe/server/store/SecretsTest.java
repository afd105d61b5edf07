package io.tanhe.server.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Issue 12, defect 12: secrets never stored in clear, the data directory and its files private. */
class SecretsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void onlySecretKeysLoseTheirValuesAndEverythingAroundThemIsKept() {
        assertEquals("tls: {store_type: PKCS12, key_store_password: (redacted), url: \"https://h:8443/u\"}  # PW: x",
                Secrets.redact("tls: {store_type: PKCS12, key_store_password: abc, url: \"https://h:8443/u\"}  # PW: x"));
    }

    @Test
    void tlsKeystorePasswordsInAnUplinkBlockAreRedactedAndTheTextStillParses() throws Exception {
        String site = """
                site: {id: plant}
                uplink:
                  centres:
                    - id: third
                      tls:
                        trust_store: certs/ca.p12
                        trust_store_password: changeit   # from the vendor
                        key_store_password: "s3cr,et"
                      inline: {key_store_password: 'it''s', store_type: PKCS12}
                    - {id: x, secret_token: abc, password_hint: yes}
                """;
        String redacted = Secrets.redact(site);
        for (String secret : new String[] {"changeit", "s3cr,et", "it''s", "abc"}) {
            assertFalse(redacted.contains(secret), secret + " in\n" + redacted);
        }
        JsonNode tree = YAML.readTree(redacted);
        JsonNode c = tree.path("uplink").path("centres").get(0);
        assertEquals(Secrets.REDACTED, c.path("tls").path("trust_store_password").asText());
        assertEquals(Secrets.REDACTED, c.path("tls").path("key_store_password").asText());
        assertEquals("certs/ca.p12", c.path("tls").path("trust_store").asText());
        assertEquals(Secrets.REDACTED, c.path("inline").path("key_store_password").asText());
        assertEquals("PKCS12", c.path("inline").path("store_type").asText());
        assertEquals("x", tree.path("uplink").path("centres").get(1).path("id").asText());
        assertEquals(Secrets.REDACTED, Secrets.redact("{\"password\": \"12\\\"3\", \"mn\": \"A1\"}").replaceAll(".*\"password\": \"([^\"]*)\".*", "$1"));
        assertEquals("mn: A1\nnote: the password policy\n", Secrets.redact("mn: A1\nnote: the password policy\n"));
    }

    @Test
    void theDataDirectoryIs0700AndItsFiles0600(@TempDir Path dir) throws Exception {
        Path data = PrivateFiles.directory(dir.resolve("data"));
        PrivateFiles.writeString(data.resolve("note.json"), "{}");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("note.json"))));
    }

    @Test
    void valuesAndReplaceSeeEverySecretAsWrittenInOrderAndPutReplacementsBackInPlace() {
        String text = "a: 1\npassword: \"p1\"\nflow: {user: u, secret: 's2', x: y}\nkey_store_password: p3 # comment\nempty_password:\n";
        assertEquals(java.util.List.of("\"p1\"", "'s2'", "p3"), Secrets.values(text));
        int[] n = {0};
        String replaced = Secrets.replace(text, raw -> "<" + n[0]++ + ">");
        assertEquals("a: 1\npassword: <0>\nflow: {user: u, secret: <1>, x: y}\nkey_store_password: <2> # comment\nempty_password:\n", replaced);
        java.util.Iterator<String> back = Secrets.values(text).iterator();
        assertEquals(text, Secrets.replace(Secrets.redact(text), redacted -> back.next()), "redacted text takes its values back");
    }
}
