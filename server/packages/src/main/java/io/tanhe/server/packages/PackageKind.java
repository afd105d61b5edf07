package io.tanhe.server.packages;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a package changes: a methodology (its files, factor tables, rulesets, thresholds), factor values, thresholds
 * — the configuration kinds, read whole by {@link ConfigPackage} — or the program itself and its optional
 * components — the release kinds, streamed by {@link ReleasePackage} because a release is larger than memory should hold.
 */
public enum PackageKind {
    /** Methodology files with their factor tables, rulesets and thresholds; compiled and tested on verification. */
    METHODOLOGY("methodology"),
    /** Factor values with validity periods, source and confidence ({@code *.factors.yaml}). */
    FACTOR_UPDATE("factor-update"),
    /** Plausibility and alarm thresholds ({@code *.thresholds.yaml}). */
    THRESHOLD("threshold"),
    /** The terminal program: a release folder ({@code lib/tanhe.jar}, its launcher), installed by a remote upgrade (§8.4). */
    APPLICATION("application"),
    /** An optional component of the program (e.g. a driver pack: jars added to the class path), installed beside a release. */
    COMPONENT("component");

    private final String label;

    PackageKind(String label) {
        this.label = label;
    }

    /** Whether packages of this kind are program releases ({@link ReleasePackage}) rather than configuration. */
    public boolean isRelease() {
        return this == APPLICATION || this == COMPONENT;
    }

    /** The name used in manifests, trust policies and on the command line, e.g. {@code factor-update}. */
    public String label() {
        return label;
    }

    /** @throws IllegalArgumentException naming the kinds there are */
    public static PackageKind of(String label) {
        String l = label == null ? "" : label.strip().toLowerCase(Locale.ROOT);
        for (PackageKind k : values()) {
            if (k.label.equals(l)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown package kind '" + label + "': use one of "
                + Arrays.stream(values()).map(PackageKind::label).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return label;
    }
}
