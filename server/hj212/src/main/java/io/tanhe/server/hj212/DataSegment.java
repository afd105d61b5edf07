package io.tanhe.server.hj212;

import java.util.Objects;
import java.util.Optional;

/**
 * The data segment of a packet: {@code QN;ST;CN;PW;MN;Flag;[PNUM;PNO;]CP} ([STD17] Table 3), as a
 * value. Every instance is valid: constructing one that breaks a rule of the standard throws
 * {@link IllegalArgumentException}, so whatever exists can be encoded and decodes to an equal value.
 * <p>
 * QN and Flag may be absent only in HJ/T 212-2005-style packets (no Flag, or version 0); PNUM/PNO
 * are present exactly when the Flag's D bit is set. The {@code RF=1} backfill marker exists only in
 * version-2 packets (HJ 212-2025, unverified: protocols.md §0).
 */
public final class DataSegment {
    /** ST of the system-interaction replies 9011-9014. */
    public static final String ST_INTERACTION = "91";

    private final Qn qn;
    private final String st;
    private final String cn;
    private final String pw;
    private final String mn;
    private final Flag flag;
    private final PacketPart part;
    private final boolean backfill;
    private final CpArea cp;

    private DataSegment(Qn qn, String st, String cn, String pw, String mn, Flag flag, PacketPart part,
                        boolean backfill, CpArea cp) {
        this.qn = qn;
        this.st = Objects.requireNonNull(st, "st");
        this.cn = Objects.requireNonNull(cn, "cn");
        this.pw = Objects.requireNonNull(pw, "pw");
        this.mn = Objects.requireNonNull(mn, "mn");
        this.flag = flag;
        this.part = part;
        this.backfill = backfill;
        this.cp = Objects.requireNonNull(cp, "cp");
        check();
    }

    private void check() {
        FieldRules.st(st).or(() -> FieldRules.cn(cn)).or(() -> FieldRules.pw(pw)).or(() -> FieldRules.mn(mn))
                .ifPresent(DataSegment::fail);
        if (flag == null && (part != null || backfill)) {
            fail("a data segment without Flag (HJ/T 212-2005 style) has no PNUM/PNO or RF");
        }
        if (flag != null && flag.version() >= Flag.V2017 && qn == null) {
            fail("QN is required from HJ 212-2017 on (Flag version " + flag.version() + ")");
        }
        if (flag != null && flag.split() != (part != null)) {
            fail(flag.split() ? "Flag has the D bit set but PNUM/PNO are missing"
                    : "PNUM/PNO are present but the Flag's D bit is not set");
        }
        if (backfill && flag.version() != Flag.V2025) {
            fail("RF (the HJ 212-2025 backfill marker) needs Flag version 2, not " + flag.version());
        }
        cp.fields().forEach(f -> FieldRules.cpValue(f, version()).ifPresent(DataSegment::fail));
    }

    private static void fail(String problem) {
        throw new IllegalArgumentException(problem);
    }

    /** An unsplit data segment with every field of HJ 212-2017. */
    public static DataSegment of(Qn qn, String st, String cn, String pw, String mn, Flag flag, CpArea cp) {
        return new DataSegment(Objects.requireNonNull(qn, "qn"), st, cn, pw, mn,
                Objects.requireNonNull(flag, "flag"), null, false, cp);
    }

    /** An HJ/T 212-2005-style data segment without Flag; {@code qn} may be {@code null}. */
    public static DataSegment withoutFlag(Qn qn, String st, String cn, String pw, String mn, CpArea cp) {
        return new DataSegment(qn, st, cn, pw, mn, null, null, false, cp);
    }

    static DataSegment of(Qn qn, String st, String cn, String pw, String mn, Flag flag, PacketPart part,
                          boolean backfill, CpArea cp) {
        return new DataSegment(qn, st, cn, pw, mn, flag, part, backfill, cp);
    }

    /** This segment as part {@code p} of a split message (sets the D bit), or unsplit for {@code null}. */
    public DataSegment withPart(PacketPart p) {
        Flag f = Objects.requireNonNull(flag, "a segment without Flag cannot be split").withSplit(p != null);
        return new DataSegment(qn, st, cn, pw, mn, f, p, backfill, cp);
    }

    /** This segment with another QN. */
    public DataSegment withQn(Qn newQn) {
        return new DataSegment(newQn, st, cn, pw, mn, flag, part, backfill, cp);
    }

    /** This segment with other command parameters. */
    public DataSegment withCp(CpArea newCp) {
        return new DataSegment(qn, st, cn, pw, mn, flag, part, backfill, newCp);
    }

    /** This segment with or without the {@code RF=1} backfill marker (version 2 only, unverified). */
    public DataSegment withBackfillMarker(boolean marked) {
        return new DataSegment(qn, st, cn, pw, mn, flag, part, marked, cp);
    }

    /** The request number; absent only in HJ/T 212-2005-style packets. */
    public Optional<Qn> qn() {
        return Optional.ofNullable(qn);
    }

    /** The system code (ST). */
    public String st() {
        return st;
    }

    /** The command code (CN). */
    public String cn() {
        return cn;
    }

    /** The access password (PW). */
    public String pw() {
        return pw;
    }

    /** The device id (MN). */
    public String mn() {
        return mn;
    }

    /** The Flag; absent in HJ/T 212-2005-style packets. */
    public Optional<Flag> flag() {
        return Optional.ofNullable(flag);
    }

    /** PNUM/PNO, present exactly when the D bit is set. */
    public Optional<PacketPart> part() {
        return Optional.ofNullable(part);
    }

    /** Whether the packet carries {@code RF=1} (HJ 212-2025 backfill marker, unverified). */
    public boolean backfill() {
        return backfill;
    }

    /** The command parameters. */
    public CpArea cp() {
        return cp;
    }

    /** The Flag's version bits; 0 (HJ/T 212-2005) when there is no Flag. */
    public int version() {
        return flag == null ? Flag.V2005 : flag.version();
    }

    /** Whether the sender wants an answer (the A bit). */
    public boolean ackRequested() {
        return flag != null && flag.ackRequested();
    }

    /** The data segment as written in the packet, fields in the standard's order. */
    public String text() {
        StringBuilder b = new StringBuilder(128);
        if (qn != null) {
            b.append("QN=").append(qn.text()).append(';');
        }
        b.append("ST=").append(st).append(";CN=").append(cn).append(";PW=").append(pw).append(";MN=").append(mn).append(';');
        if (flag != null) {
            b.append("Flag=").append(flag.value()).append(';');
        }
        if (part != null) {
            b.append("PNUM=").append(part.total()).append(";PNO=").append(part.number()).append(';');
        }
        if (backfill) {
            b.append("RF=1;");
        }
        return b.append("CP=&&").append(cp.text()).append("&&").toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataSegment d && backfill == d.backfill && Objects.equals(qn, d.qn) && st.equals(d.st)
                && cn.equals(d.cn) && pw.equals(d.pw) && mn.equals(d.mn) && Objects.equals(flag, d.flag)
                && Objects.equals(part, d.part) && cp.equals(d.cp);
    }

    @Override
    public int hashCode() {
        return Objects.hash(qn, st, cn, pw, mn, flag, part, backfill, cp);
    }

    @Override
    public String toString() {
        return text();
    }
}
