package io.tanhe.server.api;

import io.tanhe.server.security.audit.AuditActor;
import io.tanhe.server.store.ActivationStep;
import io.tanhe.server.store.ConfigPackage;
import io.tanhe.server.terminal.lifecycle.Candidate;
import io.tanhe.server.terminal.lifecycle.ConfigLifecycle;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A running terminal's {@link ConfigLifecycle} as the API's {@link ConfigurationSource}. */
final class LifecycleSource implements ConfigurationSource {
    private final ConfigLifecycle lifecycle;

    LifecycleSource(ConfigLifecycle lifecycle) {
        this.lifecycle = lifecycle;
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
