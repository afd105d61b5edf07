package io.tanhe.server.security.audit;

/**
 * One stored audit entry: the event, its place in the chain and its SM3 link.
 *
 * @param seq      the entry's number, one more than the entry before it; never reused, not even after a wipe
 * @param chain    the chain it belongs to: 1, then one more after each wipe
 * @param prevHash the hash of the entry before (for a chain's first entry: zeros, or the wiped chain's head), hex
 * @param hash     SM3(prevHash ‖ canonical encoding of seq, chain and the event), hex
 */
public record AuditEntry(long seq, int chain, AuditEvent event, String prevHash, String hash) {
}
