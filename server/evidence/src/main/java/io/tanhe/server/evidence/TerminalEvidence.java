package io.tanhe.server.evidence;

import io.tanhe.server.site.MethodologyLibrary;
import io.tanhe.server.site.Site;
import io.tanhe.server.store.Store;
import io.tanhe.server.security.identity.DeviceIdentity;
import io.tanhe.server.terminal.lifecycle.ConfigLifecycle;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/** The export request for a terminal's store: its site file's configuration, its applied packages, its device identity. */
public final class TerminalEvidence {
    private TerminalEvidence() {
    }

    /**
     * What {@code tanhe evidence export} and {@code GET /api/evidence} write for days {@code from} … {@code to} (included).
     *
     * @param baseSite the site as its file configures it (the packages are recorded apart)
     * @param nodes    only these nodes' results; empty for every node
     */
    public static BundleWriter.Request request(Store store, Site baseSite, DeviceIdentity identity, LocalDate from, LocalDate to,
                                               Set<String> nodes, String software, Instant now) {
        for (String n : nodes) {
            if (baseSite.graph().node(n).isEmpty()) {
                throw new IllegalArgumentException("--nodes: `" + n + "` is not a node of " + baseSite.methodology().id() + " "
                        + baseSite.methodology().version());
            }
        }
        return new BundleWriter.Request(store, baseSite, MethodologyLibrary.find().root(), ConfigLifecycle.applied(store.packages()),
                EvidenceSigner.device(identity, baseSite.identity().siteId()), from, to, nodes, software, now);
    }
}
