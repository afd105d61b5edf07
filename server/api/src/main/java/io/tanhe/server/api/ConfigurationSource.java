package io.tanhe.server.api;

import io.tanhe.server.security.audit.AuditActor;

import java.time.Instant;
import java.util.Map;

/**
 * The terminal's configuration lifecycle as the API serves it (issue 15), in plain JSON-ready values so
 * that {@link ApiServer} does not depend on the terminal. {@link TerminalApi} adapts the running terminal's.
 * Each method throws {@link IllegalArgumentException} for a bad request (400) and {@link IllegalStateException}
 * when the package is not in a state that allows it (409).
 */
public interface ConfigurationSource {

    /** Every package (without its review) and the activation log. */
    Map<String, Object> versions();

    /** One package with its review. */
    Map<String, Object> version(long id);

    /** Takes a signed package file's bytes through its checks; the package as it ends (reviewed or refused). */
    Map<String, Object> upload(byte[] pkg, AuditActor who);

    /** Stages a reviewed package to apply from {@code effectiveFrom} (null: now). */
    Map<String, Object> stage(long id, Instant effectiveFrom, AuditActor who);

    /** Activates a staged package. */
    Map<String, Object> activate(long id, AuditActor who);

    /** Rolls back every package applied after {@code toId} (0: all). */
    Map<String, Object> rollback(long toId, AuditActor who);

    /** Every stored version of the site file (texts redacted) and the one running (docs/lifecycle.md "Site file changes"). */
    default Map<String, Object> siteVersions() {
        throw new IllegalStateException("this API serves no site file versions");
    }

    /**
     * Pushes a candidate site file: checked as at start, stored as a new version and applied by restarting only the
     * devices and centres it changes; with {@code dryRun} only the plan. 400 for an invalid candidate (every problem
     * with its field path) or one changing a field that needs a restart.
     */
    default Map<String, Object> pushSite(String text, boolean dryRun, AuditActor who) {
        throw new IllegalStateException("this API serves no site file versions");
    }

    /** Pushes stored site file version {@code to} again. */
    default Map<String, Object> rollbackSite(int to, AuditActor who) {
        throw new IllegalStateException("this API serves no site file versions");
    }

    /** An API without a terminal's configuration (tests of the other routes): every call is refused with 409. */
    ConfigurationSource NONE = new ConfigurationSource() {
        private static IllegalStateException none() {
            return new IllegalStateException("this API serves no terminal configuration");
        }

        @Override
        public Map<String, Object> versions() {
            throw none();
        }

        @Override
        public Map<String, Object> version(long id) {
            throw none();
        }

        @Override
        public Map<String, Object> upload(byte[] pkg, AuditActor who) {
            throw none();
        }

        @Override
        public Map<String, Object> stage(long id, Instant effectiveFrom, AuditActor who) {
            throw none();
        }

        @Override
        public Map<String, Object> activate(long id, AuditActor who) {
            throw none();
        }

        @Override
        public Map<String, Object> rollback(long toId, AuditActor who) {
            throw none();
        }
    };
}
