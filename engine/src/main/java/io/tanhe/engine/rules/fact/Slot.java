package io.tanhe.engine.rules.fact;

import java.util.Objects;

/**
 * The identity under which a fact is kept in working memory.
 *
 * @param kind   the fact type
 * @param name   the point, node or factor
 * @param key    the index key ("" for scalars)
 * @param detail what else separates slots of the same name and key (the grain of a bucket result), or ""
 */
public record Slot(Class<? extends RuleFact> kind, String name, String key, String detail) {

    // Written out because every fact looks its slot up: the record's generated methods go through
    // method handles that the launcher's C1-only JIT does not inline (a tenth of `bench rules`' samples).
    @Override
    public boolean equals(Object o) {
        return o instanceof Slot s && kind == s.kind && Objects.equals(name, s.name) && Objects.equals(key, s.key)
                && Objects.equals(detail, s.detail);
    }

    @Override
    public int hashCode() {
        return ((kind.hashCode() * 31 + Objects.hashCode(name)) * 31 + Objects.hashCode(key)) * 31 + Objects.hashCode(detail);
    }
}
