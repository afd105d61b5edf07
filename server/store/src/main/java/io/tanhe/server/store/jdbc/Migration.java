package io.tanhe.server.store.jdbc;

import java.util.List;

/**
 * One numbered schema change, read from {@code migrations/V<number>__<name>.sql}.
 *
 * @param version    its number; migrations apply in increasing order
 * @param name       the resource name
 * @param checksum   SHA-256 of the text, to notice a migration edited after it was applied
 * @param statements the SQL statements, in order
 */
record Migration(int version, String name, String checksum, List<String> statements) {
}
