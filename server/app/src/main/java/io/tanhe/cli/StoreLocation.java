package io.tanhe.cli;

import io.tanhe.server.store.jdbc.ServerLogin;
import io.tanhe.server.store.jdbc.StoreSettings;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where a store is, as the {@code store} commands take it: a data directory (SQLite, or Derby when it holds a
 * Derby database) or a PostgreSQL URL, {@code postgresql://host:port/database?user=NAME&sslmode=require}.
 * The password of a URL comes from the environment ({@value #PASSWORD_VARIABLE}, else {@code PGPASSWORD}),
 * never from the command line, where other users could read it.
 */
final class StoreLocation {
    static final String PASSWORD_VARIABLE = "TANHE_STORE_PASSWORD";

    private StoreLocation() {
    }

    static boolean isUrl(String text) {
        return text.startsWith("postgresql://") || text.startsWith("jdbc:postgresql://");
    }

    /**
     * The settings for {@code text}.
     *
     * @throws IllegalArgumentException when a URL is not a PostgreSQL one or carries a password
     */
    static StoreSettings parse(String text, Map<String, String> environment) {
        if (!isUrl(text)) {
            if (text.contains("://")) {
                throw new IllegalArgumentException("`" + text + "` is neither a directory nor a postgresql:// URL;"
                        + " the store engines are sqlite and derby (directories) and postgresql (URL)");
            }
            return StoreSettings.at(Path.of(text));
        }
        String password = environment.getOrDefault(PASSWORD_VARIABLE, environment.getOrDefault("PGPASSWORD", ""));
        // user and sslmode stay in the URL's query, where the driver reads them
        return StoreSettings.at(Path.of(".")).withServer(new ServerLogin(text, "", password, null));
    }
}
