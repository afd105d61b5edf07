package io.tanhe.server.api;

import io.tanhe.server.security.audit.AuditActor;
import io.tanhe.server.store.ActivationStep;
import io.tanhe.server.store.ConfigPackage;
import io.tanhe.server.terminal.lifecycle.Candidate;
import io.tanhe.server.terminal.lifecycle.ConfigLifecycle;
import io.tanhe.server.terminal.lifecycle.SiteChange;
import io.tanhe.server.terminal.lifecycle.SiteVersions;
import io.tanhe.grammar.config.InvalidConfigException;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A running terminal's {@link ConfigLifecycle} as the API's {@link ConfigurationSource}. */
final class LifecycleSource implements ConfigurationSource {
    private final ConfigLifecycle lifecycle;
    private final SiteVersions site;

    LifecycleSource(ConfigLifecycle lifecycle) {
        this(lifecycle, null);
    }

    /** @param site the terminal's site file versions; null: the site routes answer 409 */
    LifecycleSource(ConfigLifecycle lifecycle, SiteVersions site) {
        this.lifecycle = lifecycle;
        this.site = site;
    }

    private SiteVersions site() {
        if (site == null) {
            throw new IllegalStateException("this API serves no site file versions");
        }
        return site;
    }

    @Override
    public Map<String, Object> siteVersions() {
        SiteVersions.Versions v = site().versions();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("running", v.running());
        out.put("versions", v.versions().stream().map(c -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("version", c.version());
            row.put("author", c.author());
            row.put("savedAt", c.savedAt().toString());
            row.put("sha256", c.sha256());
            row.put("note", c.note());
            return row;
        }).toList());
        return out;
    }

    @Override
    public Map<String, Object> pushSite(String text, boolean dryRun, AuditActor who) {
        try {
            return pushed(site().push(text, who, dryRun), dryRun);
        } catch (InvalidConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public Map<String, Object> rollbackSite(int to, AuditActor who) {
        try {
            return pushed(site().rollback(to, who), false);
        } catch (InvalidConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static Map<String, Object> pushed(SiteVersions.Pushed p, boolean dryRun) {
        SiteChange c = p.plan().change();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dryRun", dryRun);
        out.put("from", p.plan().fromVersion());
        out.put("version", p.version().map(v -> (Object) v.version()).orElse(null));
        out.put("summary", c.summary());
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("devicesAdded", List.copyOf(new java.util.TreeSet<>(c.devicesAdded())));
        plan.put("devicesRemoved", List.copyOf(new java.util.TreeSet<>(c.devicesRemoved())));
        plan.put("devicesChanged", List.copyOf(new java.util.TreeSet<>(c.devicesChanged())));
        plan.put("centresAdded", List.copyOf(new java.util.TreeSet<>(c.centresAdded())));
        plan.put("centresRemoved", List.copyOf(new java.util.TreeSet<>(c.centresRemoved())));
        plan.put("centresChanged", List.copyOf(new java.util.TreeSet<>(c.centresChanged())));
        out.put("plan", plan);
        out.put("restarted", p.restarted());
        out.put("failure", p.failure().orElse(null));
        return out;
    }

    @Override
    public Map<String, Object> versions() {
        ConfigLifecycle.Versions v = lifecycle.versions();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("packages", v.packages().stream().map(p -> row(p, false)).toList());
        out.put("log", v.log().stream().map(LifecycleSource::step).toList());
        return out;
    }

    @Override
    public Map<String, Object> version(long id) {
        ConfigPackage p = lifecycle.versions().packages().stream().filter(x -> x.id() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no configuration package " + id + "; GET /api/config/versions lists them"));
        Map<String, Object> out = row(p, true);
        out.put("log", lifecycle.versions().log().stream().filter(s -> s.packageId() == id).map(LifecycleSource::step).toList());
        return out;
    }

    @Override
    public Map<String, Object> upload(byte[] pkg, AuditActor who) {
        return row(lifecycle.upload(Candidate.fromPackage(pkg, "the uploaded package"), who), true);
    }

    @Override
    public Map<String, Object> stage(long id, Instant effectiveFrom, AuditActor who) {
        return row(lifecycle.stage(id, effectiveFrom, who), false);
    }

    @Override
    public Map<String, Object> activate(long id, AuditActor who) {
        return row(lifecycle.activate(id, who), false);
    }

    @Override
    public Map<String, Object> rollback(long toId, AuditActor who) {
        List<ConfigPackage> undone = lifecycle.rollback(toId, who);
        return Map.of("rolledBack", undone.stream().map(p -> row(p, false)).toList());
    }

    /** A package as JSON: its review (parsed) only when asked for. */
    static Map<String, Object> row(ConfigPackage p, boolean withReview) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", p.id());
        out.put("kind", p.kind());
        out.put("name", p.name());
        out.put("version", p.version());
        out.put("state", p.state());
        out.put("sha256", p.sha256());
        out.put("signatures", p.signatures());
        out.put("uploadedBy", p.uploadedBy());
        out.put("uploadedAt", p.uploadedAt().toString());
        out.put("effectiveFrom", p.effectiveFrom() == null ? null : p.effectiveFrom().toString());
        out.put("reviewSummary", p.reviewSummary());
        if (withReview) {
            out.put("review", p.review() == null ? null : JsonText.parse(p.review()));
        }
        return out;
    }

    static Map<String, Object> step(ActivationStep s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.id());
        out.put("package", s.packageId());
        out.put("at", s.at().toString());
        out.put("actor", s.actor());
        out.put("from", s.from());
        out.put("to", s.to());
        out.put("detail", s.detail());
        return out;
    }

    /** Stored JSON put back into an answer as a tree. */
    private static final class JsonText {
        private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

        static Object parse(String text) {
            try {
                return JSON.readTree(text);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("a stored review is not JSON: " + e.getOriginalMessage(), e);
            }
        }
    }
}
