package io.tanhe.server.api;

import io.tanhe.server.packages.release.UpgradeRefused;

import java.io.InputStream;
import java.util.Map;

/**
 * The remote upgrade (§8.4) as the API sees it: the state, an uploaded application release, a rollback, optional
 * components. {@link ReleaseUpgrades} does it for a terminal installed under an install root; {@link #NONE} answers
 * that this terminal has none (started from the source tree, or in tests).
 */
public interface Upgrades {
    /** Who asked, as audited: name, role code, address. */
    record Caller(String name, String role, String from) {
    }

    /** The upgrade's state, the release in use, the releases kept and the components installed. */
    Map<String, Object> status();

    /**
     * Takes an uploaded release package from {@code body} (streamed to a file beside the releases, never held in
     * memory), verifies it, unpacks and switches to it, then restarts the program shortly after the answer.
     *
     * @throws UpgradeRefused when it is refused; nothing changed
     */
    Map<String, Object> upgrade(InputStream body, Caller by) throws UpgradeRefused;

    /** Switches back to the release in use before the upgrade and restarts. */
    Map<String, Object> rollback(Caller by);

    /** Installs an uploaded component package; it takes effect when the program restarts (which this asks for). */
    Map<String, Object> installComponent(InputStream body, Caller by) throws UpgradeRefused;

    /** Uninstalls component {@code id}; takes effect at the restart this asks for. */
    Map<String, Object> uninstallComponent(String id, Caller by);

    /** No install root: every call but the status answers 409 (not possible on this terminal). */
    Upgrades NONE = new Upgrades() {
        private static final String WHY = "this terminal runs without an install root (e.g. from the source tree), so it cannot"
                + " upgrade itself; install the Debian package, or start it with --install-root DIR (docs/operations.md)";

        @Override
        public Map<String, Object> status() {
            return Map.of("installRoot", false, "detail", WHY);
        }

        @Override
        public Map<String, Object> upgrade(InputStream body, Caller by) {
            throw unavailable();
        }

        @Override
        public Map<String, Object> rollback(Caller by) {
            throw unavailable();
        }

        @Override
        public Map<String, Object> installComponent(InputStream body, Caller by) {
            throw unavailable();
        }

        @Override
        public Map<String, Object> uninstallComponent(String id, Caller by) {
            throw unavailable();
        }

        private RuntimeException unavailable() {
            return new io.tanhe.server.terminal.operations.OperationRefused(
                    io.tanhe.server.terminal.operations.OperationRefused.Reason.CONFLICT, "install-root", WHY);
        }
    };
}
