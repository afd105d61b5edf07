package io.tanhe.cli;

import io.tanhe.server.security.audit.AuditEvent;
import io.tanhe.server.security.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes audit events to the terminal's log (logger {@code tanhe.audit}, one line each) until the
 * tamper-evident audit store (SM3 chain, SM2 checkpoints; issue 14's audit half) is wired in its place.
 * Events never carry a secret, so the log holds none.
 */
final class LogAuditTrail implements AuditTrail {
    private static final Logger LOG = LoggerFactory.getLogger("tanhe.audit");

    @Override
    public void record(AuditEvent e) {
        LOG.info("audit {} user={} role={} source={} target={} outcome={} at={}{}", e.type(), e.user(), e.role(), e.source(),
                e.target(), e.outcome(), e.at(), e.detail().isEmpty() ? "" : " detail=" + e.detail());
    }
}
