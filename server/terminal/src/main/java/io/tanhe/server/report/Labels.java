package io.tanhe.server.report;

import io.tanhe.engine.model.EmissionClass;
import io.tanhe.engine.model.Scope;
import io.tanhe.engine.time.Quality;

/** The Chinese words reports print for codes. */
public final class Labels {
    private Labels() {
    }

    /** 实测, 备用表, 人工录入, 替代, 缺失. */
    public static String quality(Quality q) {
        if (q == null) {
            return "缺失";
        }
        return switch (q) {
            case MEASURED -> "实测";
            case ESTIMATED -> "备用表/估算";
            case MANUAL -> "人工录入";
            case SUBSTITUTED -> "替代";
            case MISSING -> "缺失";
        };
    }

    /** 直接排放 or 间接排放. */
    public static String scope(Scope s) {
        return s == Scope.DIRECT ? "直接排放" : "间接排放";
    }

    /** The class's Chinese name with its keyword, e.g. {@code 化石燃料燃烧 combustion}. */
    public static String emissionClass(EmissionClass c) {
        return c.labelZh();
    }

    /** A QA record's kind in the report's words. */
    static String qaKind(io.tanhe.server.store.QaKind kind) {
        return switch (kind) {
            case ZERO_CALIBRATION -> "零点校准";
            case SPAN_CALIBRATION -> "量程校准";
            case CALIBRATION -> "校准（数采仪标记 C）";
            case MAINTENANCE -> "维护";
            case RA_AUDIT -> "相对准确度审核";
            case RA_RUN -> "比对监测（一组）";
        };
    }
}
