package io.tanhe.server.store.transfer;

/**
 * What an import did.
 *
 * @param rows      rows in the file
 * @param stored    rows stored as new data
 * @param revised   results that replaced another figure (the old one kept as a revision)
 * @param unchanged rows the store already had (an import repeated stores nothing the second time)
 */
public record ImportReport(long rows, long stored, long revised, long unchanged) {
}
