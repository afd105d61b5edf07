package io.tanhe.server.security.config;

import io.tanhe.server.security.crypto.CryptoException;
import io.tanhe.server.security.crypto.DeviceKey;
import io.tanhe.server.security.crypto.Sm;
import io.tanhe.server.security.crypto.Sm4Gcm;
import io.tanhe.server.security.identity.DeviceIdentity;
import io.tanhe.server.security.identity.Sm2Signer;
import io.tanhe.server.store.ConfigStore;
import io.tanhe.server.store.ConfigVersion;
import io.tanhe.server.store.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Stored configuration versions with their secrets encrypted and their integrity signed (§7.4.1.4).
 * The version's text goes to the store with every secret value redacted; the values themselves are kept
 * beside it, each sealed with SM4-GCM under the device key (bound to its version and place); and the
 * version (number, text hash, author, time, note and the sealed values) is signed with the device's SM2
 * key. Loading checks the signature and puts the secrets back: a version changed, inserted or stripped of
 * its signature outside the terminal is refused with a {@link ConfigTamperedException} naming it.
 *
 * <p>Versions saved before this existed carry no secrets; they are signed once, when the tables are made
 * (trust on first use).
 */
public final class SealedConfigs {
    private static final Logger LOG = LoggerFactory.getLogger(SealedConfigs.class);

    private final Supplier<Connection> connections;
    private final ConfigStore configs;
    private final DeviceIdentity identity;
    private DeviceKey key;

    /** A version as the terminal applied it: the text with its secrets back in place. */
    public record Opened(ConfigVersion version, String text) {
    }

    private record Sealed(int index, String keyId, String value) {
    }

    private SealedConfigs(Supplier<Connection> connections, ConfigStore configs, DeviceKey key, DeviceIdentity identity) {
        this.connections = connections;
        this.configs = configs;
        this.key = key;
        this.identity = identity;
    }

    /** Opens the sealed configurations beside {@code configs}, making their tables (and signing older versions) once. */
    public static SealedConfigs open(Supplier<Connection> connections, ConfigStore configs, DeviceKey key, DeviceIdentity identity) {
        SealedConfigs sealed = new SealedConfigs(connections, configs, key, identity);
        sealed.ensureTables();
        return sealed;
    }

    /**
     * Saves {@code text} as the next version (or, when its redacted text equals the latest version's, re-seals
     * that version's secrets): the store gets the redacted text, the secrets are sealed beside it.
     */
    public synchronized ConfigVersion save(String text, String author, Instant at, String note) {
        List<String> secrets = Secrets.values(text);
        String redacted = Secrets.redact(text);
        // the store's save and the sealing are two commits: a signed intent first lets a crash between them be
        // told from a version slipped in outside the terminal
        run("recording the intent to save a configuration", c -> {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("DELETE FROM config_intent");
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO config_intent (content_sm3, author, at_ms, signature) VALUES (?, ?, ?, ?)")) {
                p.setString(1, Sm.sm3Hex(redacted));
                p.setString(2, author);
                p.setLong(3, at.toEpochMilli());
                p.setString(4, Sm.hex(identity.signer().sign(intent(Sm.sm3Hex(redacted), author, at.toEpochMilli()))));
                p.executeUpdate();
            }
            return null;
        });
        ConfigVersion v = configs.save(redacted, author, at, note);
        run("sealing configuration version " + v.version(), c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM config_secret WHERE version_no = ?")) {
                p.setInt(1, v.version());
                p.executeUpdate();
            }
            List<Sealed> sealedValues = new ArrayList<>();
            for (int i = 0; i < secrets.size(); i++) {
                sealedValues.add(seal(v.version(), i, secrets.get(i)));
            }
            writeSecrets(c, v.version(), sealedValues);
            sign(c, v, sealedValues);
            try (Statement st = c.createStatement()) {
                st.executeUpdate("DELETE FROM config_intent");
            }
            return null;
        });
        return v;
    }

    /** The latest version, checked and with its secrets; empty when none is stored. */
    public Optional<Opened> latest() {
        return configs.latest().map(this::open);
    }

    /** Version {@code number}, checked and with its secrets. */
    public Optional<Opened> version(int number) {
        return configs.version(number).map(this::open);
    }

    /**
     * Checks every stored version's signature (not decrypting secrets).
     *
     * @throws ConfigTamperedException at the first version that fails
     */
    public void verifyAll() {
        for (ConfigVersion v : configs.history()) {
            run("checking configuration version " + v.version(), c -> {
                check(c, v);
                return null;
            });
        }
    }

    /**
     * Re-encrypts every sealed secret under a new device key and re-signs its version, then retires the old
     * key. Interrupted, it finishes on the next call (the key file keeps both keys until then).
     *
     * @return how many secrets were re-encrypted
     */
    public synchronized int rotateKey() {
        DeviceKey next = key.beginRotation();
        int count = run("re-encrypting configuration secrets", c -> {
            int n = 0;
            for (ConfigVersion v : configs.history()) {
                check(c, v);
                List<Sealed> old = secrets(c, v.version());
                List<Sealed> resealed = new ArrayList<>();
                for (Sealed s : old) {
                    resealed.add(seal(next, v.version(), s.index(), unseal(v.version(), s)));
                }
                try (PreparedStatement p = c.prepareStatement("DELETE FROM config_secret WHERE version_no = ?")) {
                    p.setInt(1, v.version());
                    p.executeUpdate();
                }
                writeSecrets(c, v.version(), resealed);
                sign(c, v, resealed);
                n += resealed.size();
            }
            return n;
        });
        key = next.finishRotation();
        LOG.info("device key rotated to {}: {} configuration secrets re-encrypted", key.currentId(), count);
        return count;
    }

    /** The id of the device key new secrets are sealed under. */
    public String keyId() {
        return key.currentId();
    }

    private Opened open(ConfigVersion v) {
        return run("opening configuration version " + v.version(), c -> {
            check(c, v);
            Iterator<Sealed> secrets = secrets(c, v.version()).iterator();
            String text = Secrets.replace(v.content(), redacted -> {
                if (!secrets.hasNext()) {
                    throw new ConfigTamperedException(v.version(), "stored configuration version " + v.version()
                            + " has more secret fields than sealed secrets");
                }
                return unseal(v.version(), secrets.next());
            });
            return new Opened(v, text);
        });
    }

    private void check(Connection c, ConfigVersion v) throws SQLException {
        String signature = null;
        try (PreparedStatement p = c.prepareStatement("SELECT signature FROM config_seal WHERE version_no = ?")) {
            p.setInt(1, v.version());
            try (ResultSet rs = p.executeQuery()) {
                if (rs.next()) {
                    signature = rs.getString(1);
                }
            }
        }
        if (signature == null && intended(c, v)) {
            LOG.warn("configuration version {} was stored but not sealed (the terminal stopped in between): sealed now,"
                    + " without its secrets; the next save of the same text keeps them again", v.version());
            sign(c, v, List.of());
            return;
        }
        if (signature == null) {
            throw new ConfigTamperedException(v.version(), "stored configuration version " + v.version() + " (saved "
                    + v.savedAt() + " by " + v.author() + ") has no signature of this terminal: it was added or changed"
                    + " outside the terminal. Compare it with 'tanhe audit query --type config.change', then restore the"
                    + " store from a backup");
        }
        if (!verifySignature(v, secrets(c, v.version()), signature)) {
            throw new ConfigTamperedException(v.version(), "stored configuration version " + v.version() + " (saved "
                    + v.savedAt() + " by " + v.author() + ") does not match its signature: its text, note or secrets"
                    + " were changed outside the terminal. The terminal does not start on a tampered configuration;"
                    + " restore the store from a backup, or give the site file with --site after checking it");
        }
    }

    /** Whether a signed intent to save exactly {@code v} is pending. */
    private boolean intended(Connection c, ConfigVersion v) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT content_sm3, author, at_ms, signature FROM config_intent")) {
            while (rs.next()) {
                String hash = Sm.sm3Hex(v.content());
                if (rs.getString(1).equals(hash) && rs.getString(2).equals(v.author()) && rs.getLong(3) == v.savedAt().toEpochMilli()) {
                    try {
                        return Sm2Signer.verify(identity.publicKey(), intent(hash, v.author(), v.savedAt().toEpochMilli()),
                                Sm.unhex(rs.getString(4)));
                    } catch (IllegalArgumentException e) {
                        return false;
                    }
                }
            }
        }
        return false;
    }

    private static byte[] intent(String contentSm3, String author, long atMillis) {
        return ("tanhe-config-intent-v1\n" + contentSm3 + "\n" + author + "\n" + atMillis).getBytes(StandardCharsets.UTF_8);
    }

    private boolean verifySignature(ConfigVersion v, List<Sealed> secrets, String signature) {
        try {
            return Sm2Signer.verify(identity.publicKey(), signed(v, secrets), Sm.unhex(signature));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void sign(Connection c, ConfigVersion v, List<Sealed> secrets) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM config_seal WHERE version_no = ?")) {
            p.setInt(1, v.version());
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO config_seal (version_no, key_id, signature) VALUES (?, ?, ?)")) {
            p.setInt(1, v.version());
            p.setString(2, identity.fingerprint());
            p.setString(3, Sm.hex(identity.signer().sign(signed(v, secrets))));
            p.executeUpdate();
        }
    }

    /** What a version's signature covers, each field length-prefixed. */
    private static byte[] signed(ConfigVersion v, List<Sealed> secrets) {
        List<String> fields = new ArrayList<>(List.of("tanhe-config-version-v1", Integer.toString(v.version()), Sm.sm3Hex(v.content()),
                v.author(), Long.toString(v.savedAt().toEpochMilli()), v.note() == null ? "" : v.note()));
        for (Sealed s : secrets) {
            fields.add(s.index() + ":" + s.keyId() + ":" + s.value());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String f : fields) {
            byte[] b = f.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    private Sealed seal(int version, int index, String raw) {
        return seal(key, version, index, raw);
    }

    private static Sealed seal(DeviceKey key, int version, int index, String raw) {
        byte[] sealed = key.current().encrypt(raw.getBytes(StandardCharsets.UTF_8), place(version, index));
        return new Sealed(index, key.currentId(), Sm.hex(sealed));
    }

    private String unseal(int version, Sealed s) {
        Sm4Gcm k = key.key(s.keyId()).orElseThrow(() -> new ConfigTamperedException(version, "secret " + (s.index() + 1)
                + " of stored configuration version " + version + " is sealed under device key " + s.keyId() + ", which"
                + " this terminal does not have (key file " + DeviceKey.FILE + " replaced?); restore the key file from the"
                + " device's key backup"));
        try {
            return new String(k.decrypt(Sm.unhex(s.value()), place(version, s.index())), StandardCharsets.UTF_8);
        } catch (CryptoException | IllegalArgumentException e) {
            throw new ConfigTamperedException(version, "secret " + (s.index() + 1) + " of stored configuration version " + version
                    + " does not decrypt: " + e.getMessage());
        }
    }

    private static byte[] place(int version, int index) {
        return ("tanhe-config-secret:" + version + ":" + index).getBytes(StandardCharsets.UTF_8);
    }

    private static List<Sealed> secrets(Connection c, int version) throws SQLException {
        List<Sealed> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT idx, key_id, sealed FROM config_secret WHERE version_no = ? ORDER BY idx")) {
            p.setInt(1, version);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new Sealed(rs.getInt(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return out;
    }

    private static void writeSecrets(Connection c, int version, List<Sealed> secrets) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO config_secret (version_no, idx, key_id, sealed) VALUES (?, ?, ?, ?)")) {
            for (Sealed s : secrets) {
                p.setInt(1, version);
                p.setInt(2, s.index());
                p.setString(3, s.keyId());
                p.setString(4, s.value());
                p.executeUpdate();
            }
        }
    }

    private void ensureTables() {
        run("creating the sealed configuration tables", c -> {
            Set<String> existing = new HashSet<>();
            try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[]{"TABLE"})) {
                while (rs.next()) {
                    existing.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
                }
            }
            if (existing.contains("config_seal")) {
                return null;
            }
            try (Statement s = c.createStatement()) {
                s.executeUpdate("CREATE TABLE config_intent (content_sm3 VARCHAR(64) NOT NULL, author VARCHAR(200) NOT NULL,"
                        + " at_ms BIGINT NOT NULL, signature VARCHAR(512) NOT NULL)");
                s.executeUpdate("CREATE TABLE config_secret (version_no INTEGER NOT NULL, idx INTEGER NOT NULL,"
                        + " key_id VARCHAR(16) NOT NULL, sealed VARCHAR(4000) NOT NULL, PRIMARY KEY (version_no, idx))");
                s.executeUpdate("CREATE TABLE config_seal (version_no INTEGER NOT NULL PRIMARY KEY, key_id VARCHAR(64) NOT NULL,"
                        + " signature VARCHAR(512) NOT NULL)");
            }
            List<ConfigVersion> older = configs.history();
            for (ConfigVersion v : older) {
                sign(c, v, List.of());
            }
            if (!older.isEmpty()) {
                LOG.info("signed {} configuration versions saved before sealing (their secrets were redacted, not kept)", older.size());
            }
            return null;
        });
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T run(String what, Work<T> work) {
        try (Connection c = connections.get()) {
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(what + " failed: " + e.getMessage() + " (SQLState " + e.getSQLState() + ")", e);
        }
    }
}
