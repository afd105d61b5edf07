package io.tanhe.server.security.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A query's WHERE and ORDER BY clauses with their parameters, in portable SQL. */
final class AuditSql {
    private final String where;
    private final String orderBy;
    private final List<Object> parameters;

    private AuditSql(String where, String orderBy, List<Object> parameters) {
        this.where = where;
        this.orderBy = orderBy;
        this.parameters = parameters;
    }

    static AuditSql select(AuditQuery q) {
        List<String> conditions = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        q.from().ifPresent(v -> add(conditions, parameters, "at_ms >= ?", v.toEpochMilli()));
        q.to().ifPresent(v -> add(conditions, parameters, "at_ms < ?", v.toEpochMilli()));
        q.user().ifPresent(v -> add(conditions, parameters, "user_name = ?", v));
        q.role().ifPresent(v -> add(conditions, parameters, "role_name = ?", v));
        q.type().ifPresent(v -> add(conditions, parameters, "event_type = ?", v));
        q.outcome().ifPresent(v -> add(conditions, parameters, "outcome = ?", v.name()));
        q.source().ifPresent(v -> add(conditions, parameters, "source = ?", v));
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        String direction = q.descending() ? " DESC" : " ASC";
        // the column comes from the Sort enum, never from the caller's text
        String orderBy = " ORDER BY " + q.sort().column + direction + (q.sort() == AuditQuery.Sort.SEQ ? "" : ", seq" + direction);
        return new AuditSql(where, orderBy, List.copyOf(parameters));
    }

    private static void add(List<String> conditions, List<Object> parameters, String condition, Object value) {
        conditions.add(condition);
        parameters.add(value);
    }

    PreparedStatement prepare(Connection c, String select) throws SQLException {
        return bind(c.prepareStatement(select + where + orderBy));
    }

    PreparedStatement prepareCount(Connection c) throws SQLException {
        return bind(c.prepareStatement("SELECT COUNT(*) FROM audit_entry" + where));
    }

    private PreparedStatement bind(PreparedStatement p) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            p.setObject(i + 1, parameters.get(i));
        }
        return p;
    }
}
