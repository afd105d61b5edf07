package io.tanhe.server.packages.diff;

import java.util.Objects;

/**
 * One semantic difference between two versions.
 *
 * @param area    where it is
 * @param subject what changed, e.g. {@code factor ox[coal] from 2024-01-01} or {@code emission anode_co2}
 * @param kind    added, removed or changed
 * @param field   for a change, the field that changed (e.g. {@code value}, {@code expression}); empty otherwise
 * @param before  the old value or text; empty when added
 * @param after   the new value or text; empty when removed
 * @param oldAt   where it is in the old version ({@code file:line:col}); empty when unknown or added
 * @param newAt   where it is in the new version; empty when unknown or removed
 */
public record Change(Area area, String subject, Kind kind, String field, String before, String after, String oldAt,
                     String newAt) {
    /** Whether something appeared, went away or changed. */
    public enum Kind {
        ADDED, REMOVED, CHANGED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Change {
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(kind, "kind");
        field = field == null ? "" : field;
        before = before == null ? "" : before;
        after = after == null ? "" : after;
        oldAt = oldAt == null ? "" : oldAt;
        newAt = newAt == null ? "" : newAt;
    }

    static Change added(Area area, String subject, String after, String newAt) {
        return new Change(area, subject, Kind.ADDED, "", "", after, "", newAt);
    }

    static Change removed(Area area, String subject, String before, String oldAt) {
        return new Change(area, subject, Kind.REMOVED, "", before, "", oldAt, "");
    }

    static Change changed(Area area, String subject, String field, String before, String after, String oldAt, String newAt) {
        return new Change(area, subject, Kind.CHANGED, field, before, after, oldAt, newAt);
    }
}
