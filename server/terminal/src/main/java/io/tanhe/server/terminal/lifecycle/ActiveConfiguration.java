package io.tanhe.server.terminal.lifecycle;

import io.tanhe.engine.factors.FactorLibrary;
import io.tanhe.server.site.Site;
import io.tanhe.server.store.ActivationStep;
import io.tanhe.server.store.ConfigPackage;
import io.tanhe.server.store.ConfigPackages;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The site as its activated packages make it: the site file's configuration with every package in an
 * {@linkplain PackageState#APPLIED applied} state layered on top, in the order they were activated (a later
 * activation wins where two give a value for the same factor, key and day).
 */
final class ActiveConfiguration {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ActiveConfiguration.class);
    private ActiveConfiguration() {
    }

    /** The packages applied now, in activation order. */
    static List<ConfigPackage> applied(ConfigPackages packages) {
        Map<Long, Long> activatedAt = new HashMap<>();
        for (ActivationStep s : packages.log()) {
            if (s.to().equals(PackageState.ACTIVATING.code())) {
                activatedAt.put(s.packageId(), s.id());
            }
        }
        return packages.all().stream().filter(p -> PackageState.APPLIED.contains(PackageState.of(p.state())))
                .sorted(Comparator.comparing(p -> activatedAt.getOrDefault(p.id(), Long.MAX_VALUE))).toList();
    }

    /**
     * {@code base} with {@code packages} layered on it: the latest methodology package gives the methodology (with the
     * site file's bindings, factor table, rules and thresholds read against it), then the factor and threshold
     * packages apply on top of it in order.
     */
    static Site of(Site base, List<ConfigPackage> packages) {
        Site start = base;
        for (ConfigPackage p : packages) {
            if (p.kind().equals(Candidate.Kind.METHODOLOGY.code())) {
                try {
                    start = MethodologyPackage.of(Candidate.decode(p.content()), base).site();
                } catch (PackageRefusedException e) {
                    leftOut(p, e);
                }
            }
        }
        FactorLibrary factors = start.factors();
        Map<String, io.tanhe.engine.rules.threshold.Threshold> thresholds = new java.util.LinkedHashMap<>();
        start.thresholds().forEach(t -> thresholds.put(t.id(), t));
        for (ConfigPackage p : packages) {
            try {
                Candidate c = Candidate.decode(p.content());
                switch (c.kind()) {
                    case THRESHOLDS -> ThresholdPackage.compile(c, start).thresholds().forEach(t -> thresholds.put(t.id(), t));
                    case FACTORS -> factors = factors.overriddenBy(layer(start, p));
                    case METHODOLOGY -> { } // applied first, above
                }
            } catch (PackageRefusedException e) {
                leftOut(p, e);
            }
        }
        return start.withFactors(factors).withThresholds(List.copyOf(thresholds.values()));
    }

    /** The site file changed under an applied package: run without it rather than not at all, and say so. */
    private static void leftOut(ConfigPackage p, PackageRefusedException e) {
        LOG.error("configuration package #{} {} {} no longer applies to this site and is left out: {}; roll it back"
                + " (`tanhe config rollback`) or push one that fits", p.id(), p.name(), p.version(), e.getMessage());
    }

    /** {@code base} with the packages the store has applied. */
    static Site of(Site base, ConfigPackages packages) {
        return of(base, applied(packages));
    }

    /** What package {@code p} adds: its values from the local day of its {@code effective_from}. */
    static FactorLibrary layer(Site base, ConfigPackage p) {
        Candidate c = Candidate.decode(p.content());
        LocalDate day = p.effectiveFrom().atZone(base.zone()).toLocalDate();
        return FactorPackage.compile(c, base).from(day);
    }
}
