package io.tanhe.server.store;

import java.time.Instant;

/**
 * One saved version of the site configuration.
 *
 * @param version the version number, 1 for the first, +1 for each different content
 * @param content the configuration text as applied
 * @param sha256  the SHA-256 of the content's UTF-8 bytes, hex
 * @param author  who saved it (user name, {@code api:<user>}, {@code cli})
 * @param savedAt when it was saved
 * @param note    why; may be empty
 */
public record ConfigVersion(int version, String content, String sha256, String author, Instant savedAt, String note) {
}
