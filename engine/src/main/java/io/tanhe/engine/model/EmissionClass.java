package io.tanhe.engine.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The category of an emission, as the guidelines break totals down (combustion, process,
 * purchased and exported energy, carbon fixed in products). Reports and charts group by it.
 */
public enum EmissionClass {
    COMBUSTION("化石燃料燃烧", Scope.DIRECT, false),
    PROCESS("工业生产过程", Scope.DIRECT, false),
    FUGITIVE("逃逸排放", Scope.DIRECT, false),
    PURCHASED_ELECTRICITY("购入电力", Scope.INDIRECT, false),
    PURCHASED_HEAT("购入热力", Scope.INDIRECT, false),
    EXPORTED_ELECTRICITY("输出电力", Scope.INDIRECT, true),
    EXPORTED_HEAT("输出热力", Scope.INDIRECT, true),
    FIXED_IN_PRODUCTS("固碳产品隐含", Scope.DIRECT, true),
    RECOVERED("回收利用", Scope.DIRECT, true);

    private final String labelZh;
    private final Scope defaultScope;
    private final boolean deduction;

    EmissionClass(String labelZh, Scope defaultScope, boolean deduction) {
        this.labelZh = labelZh;
        this.defaultScope = defaultScope;
        this.deduction = deduction;
    }

    /** The name written in methodology files, e.g. {@code purchased_electricity}. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String labelZh() {
        return labelZh;
    }

    public Scope defaultScope() {
        return defaultScope;
    }

    /** True for amounts a total subtracts (exports, carbon fixed in products, recovered CO2). */
    public boolean isDeduction() {
        return deduction;
    }

    public static Optional<EmissionClass> byKeyword(String keyword) {
        return Arrays.stream(values()).filter(c -> c.keyword().equals(keyword)).findFirst();
    }

    public static List<String> keywords() {
        return Arrays.stream(values()).map(EmissionClass::keyword).toList();
    }
}
