package io.tanhe.server.security.audit;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes entries as CSV (RFC 4180, a header row; a cell that a spreadsheet would run as a formula gets a
 * leading apostrophe) or as a JSON array, one object per entry, with each entry's number and hash so that an
 * export can be checked against the chain.
 */
public abstract sealed class AuditExport implements AutoCloseable {
    /** The export formats. */
    public enum Format { CSV, JSON }

    final Writer out;

    private AuditExport(Writer out) {
        this.out = out;
    }

    static AuditExport start(Format format, Writer out) throws IOException {
        AuditExport e = switch (format) {
            case CSV -> new Csv(out);
            case JSON -> new Json(out);
        };
        e.begin();
        return e;
    }

    abstract void begin() throws IOException;

    abstract void write(AuditEntry e) throws IOException;

    @Override
    public abstract void close() throws IOException;

    private static final class Csv extends AuditExport {
        Csv(Writer out) {
            super(out);
        }

        @Override
        void begin() throws IOException {
            out.write("seq,time,user,role,source,type,target,outcome,detail,chain,hash\r\n");
        }

        @Override
        void write(AuditEntry e) throws IOException {
            var v = e.event();
            String[] cells = {Long.toString(e.seq()), v.at().toString(), v.user(), v.role(), v.source(), v.type(), v.target(),
                    v.outcome().name(), v.detail(), Integer.toString(e.chain()), e.hash()};
            for (int i = 0; i < cells.length; i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(cell(cells[i]));
            }
            out.write("\r\n");
        }

        private static String cell(String s) {
            String safe = !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
            if (safe.indexOf(',') < 0 && safe.indexOf('"') < 0 && safe.indexOf('\n') < 0 && safe.indexOf('\r') < 0) {
                return safe;
            }
            return '"' + safe.replace("\"", "\"\"") + '"';
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    private static final class Json extends AuditExport {
        private boolean first = true;

        Json(Writer out) {
            super(out);
        }

        @Override
        void begin() throws IOException {
            out.write("[");
        }

        @Override
        void write(AuditEntry e) throws IOException {
            var v = e.event();
            out.write(first ? "\n" : ",\n");
            first = false;
            out.write("{\"seq\":" + e.seq() + ",\"time\":" + str(v.at().toString()) + ",\"user\":" + str(v.user())
                    + ",\"role\":" + str(v.role()) + ",\"source\":" + str(v.source()) + ",\"type\":" + str(v.type())
                    + ",\"target\":" + str(v.target()) + ",\"outcome\":" + str(v.outcome().name()) + ",\"detail\":"
                    + str(v.detail()) + ",\"chain\":" + e.chain() + ",\"hash\":" + str(e.hash()) + "}");
        }

        private static String str(String s) {
            StringBuilder b = new StringBuilder(s.length() + 2).append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    default -> {
                        if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                            b.append(String.format("\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
            return b.append('"').toString();
        }

        @Override
        public void close() throws IOException {
            out.write(first ? "]\n" : "\n]\n");
            out.flush();
        }
    }
}
