package io.tanhe.server.security.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * Which entries to read: every condition given must hold (they combine with AND); absent ones do not
 * filter. Text conditions match exactly.
 *
 * @param from      first instant, included
 * @param to        last instant, excluded
 * @param offset    entries to skip (paging)
 * @param limit     most entries returned
 */
public record AuditQuery(Optional<Instant> from, Optional<Instant> to, Optional<String> user, Optional<String> role,
                         Optional<String> type, Optional<AuditOutcome> outcome, Optional<String> source,
                         Sort sort, boolean descending, int offset, int limit) {
    /** The most entries one page returns. */
    public static final int MAX_LIMIT = 10_000;

    /** What entries are sorted by; ties are broken by entry number. */
    public enum Sort {
        TIME("at_ms"), SEQ("seq"), USER("user_name"), ROLE("role_name"), SOURCE("source"), TYPE("event_type"), OUTCOME("outcome");

        final String column;

        Sort(String column) {
            this.column = column;
        }
    }

    public AuditQuery {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be 0 or more, not " + offset);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", not " + limit);
        }
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new IllegalArgumentException("from " + from.get() + " must be before to " + to.get());
        }
    }

    /** Every entry, newest first, the first 100. */
    public static AuditQuery all() {
        return new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Sort.TIME, true, 0, 100);
    }

    public AuditQuery between(Instant from, Instant to) {
        return new AuditQuery(Optional.ofNullable(from), Optional.ofNullable(to), user, role, type, outcome, source, sort, descending, offset, limit);
    }

    public AuditQuery user(String user) {
        return new AuditQuery(from, to, Optional.ofNullable(user), role, type, outcome, source, sort, descending, offset, limit);
    }

    public AuditQuery role(String role) {
        return new AuditQuery(from, to, user, Optional.ofNullable(role), type, outcome, source, sort, descending, offset, limit);
    }

    public AuditQuery type(String type) {
        return new AuditQuery(from, to, user, role, Optional.ofNullable(type), outcome, source, sort, descending, offset, limit);
    }

    public AuditQuery outcome(AuditOutcome outcome) {
        return new AuditQuery(from, to, user, role, type, Optional.ofNullable(outcome), source, sort, descending, offset, limit);
    }

    public AuditQuery source(String source) {
        return new AuditQuery(from, to, user, role, type, outcome, Optional.ofNullable(source), sort, descending, offset, limit);
    }

    public AuditQuery sorted(Sort sort, boolean descending) {
        return new AuditQuery(from, to, user, role, type, outcome, source, sort, descending, offset, limit);
    }

    public AuditQuery page(int offset, int limit) {
        return new AuditQuery(from, to, user, role, type, outcome, source, sort, descending, offset, limit);
    }

    /** The conditions in words, for the audit entry that records this read. */
    String describe() {
        StringBuilder b = new StringBuilder();
        from.ifPresent(v -> b.append(" from=").append(v));
        to.ifPresent(v -> b.append(" to=").append(v));
        user.ifPresent(v -> b.append(" user=").append(v));
        role.ifPresent(v -> b.append(" role=").append(v));
        type.ifPresent(v -> b.append(" type=").append(v));
        outcome.ifPresent(v -> b.append(" outcome=").append(v));
        source.ifPresent(v -> b.append(" source=").append(v));
        b.append(" sort=").append(sort.name().toLowerCase(java.util.Locale.ROOT)).append(descending ? " desc" : " asc");
        return b.toString().strip();
    }
}
