package io.tanhe.server.site;

import io.tanhe.drivers.config.ConfigContext;
import io.tanhe.drivers.config.DriverConfiguration;
import io.tanhe.drivers.config.PointsFileLoader;
import io.tanhe.drivers.config.SourceType;
import io.tanhe.drivers.registry.SourceTypes;
import io.tanhe.engine.compile.Compilation;
import io.tanhe.engine.compile.Compiler;
import io.tanhe.engine.factors.FactorLibrary;
import io.tanhe.engine.factors.FactorTableLoad;
import io.tanhe.engine.factors.FactorTableLoader;
import io.tanhe.engine.graph.NodeKind;
import io.tanhe.engine.provenance.ContentHash;
import io.tanhe.grammar.config.ConfigNode;
import io.tanhe.grammar.config.Durations;
import io.tanhe.grammar.config.InvalidConfigException;
import io.tanhe.grammar.diagnostics.Diagnostic;
import io.tanhe.grammar.diagnostics.Spelling;
import io.tanhe.server.cems.Hj212LoggerType;
import io.tanhe.server.store.MethodologyRef;
import io.tanhe.server.store.RetentionPolicy;
import io.tanhe.server.uplink.config.UplinkConfig;
import io.tanhe.server.uplink.config.UplinkConfigLoader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads a site file (YAML; JSON when the name ends in {@code .json}) and validates all of it — identity,
 * zone, methodology and version, the site factor table, the points file, every point binding,
 * thresholds and rules, retention — before anything starts. Every problem is reported at once under
 * its file, line and field path ({@link InvalidConfigException}); a file with any problem yields no {@link Site}.
 * The format is documented in docs/site.md.
 */
public final class SiteLoader {
    private final List<SourceType> sourceTypes;
    private final MethodologyLibrary library;
    private final Clock clock;

    /**
     * A loader knowing every driver family ({@link SourceTypes#all()}, and the CEMS data logger, which
     * needs the HJ 212 codec and so lives above the drivers) and the library {@link MethodologyLibrary#find()} finds.
     */
    public SiteLoader(Clock clock) {
        this(allSourceTypes(), MethodologyLibrary.find(), clock);
    }

    private static List<SourceType> allSourceTypes() {
        List<SourceType> types = new ArrayList<>(SourceTypes.all());
        types.add(new Hj212LoggerType());
        return types;
    }

    public SiteLoader(List<SourceType> sourceTypes, MethodologyLibrary library, Clock clock) {
        this.sourceTypes = List.copyOf(sourceTypes);
        this.library = library;
        this.clock = clock;
    }

    /** This loader also knowing {@code type} (e.g. the demo's simulated meters), which a site names under {@code type:}. */
    public SiteLoader with(SourceType type) {
        List<SourceType> all = new ArrayList<>(sourceTypes);
        all.add(type);
        return new SiteLoader(all, library, clock);
    }

    /** This loader reading methodologies named by id from {@code other} (an evidence bundle's copy of the library). */
    public SiteLoader withLibrary(MethodologyLibrary other) {
        return new SiteLoader(sourceTypes, other, clock);
    }

    /** The library this loader reads methodologies named by id from. */
    public MethodologyLibrary library() {
        return library;
    }

    /**
     * Loads {@code file}; paths inside it resolve against its directory.
     *
     * @throws InvalidConfigException listing every problem
     */
    public Site load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw InvalidConfigException.of(file.toString(), "cannot read the site file: " + e);
        }
        return parse(text, file.toString(), file.toAbsolutePath().getParent());
    }

    /**
     * Loads site-file text.
     *
     * @param origin    names the file in messages; ends in {@code .json} for JSON
     * @param directory where relative paths in the file resolve
     * @throws InvalidConfigException listing every problem
     */
    public Site parse(String text, String origin, Path directory) {
        ConfigNode top = ConfigNode.parse(text, origin);
        if (!top.isObject()) {
            throw InvalidConfigException.of(origin,
                    "the file must be an object with site:, methodology:, drivers: and points: (see docs/site.md)");
        }
        Parts parts = new Parts();
        try {
            read(top, directory, parts);
            top.reportUnknownFields();
        } catch (RuntimeException e) {
            parts.closeDrivers();
            throw e;
        }
        if (top.problemCount() > 0) {
            parts.closeDrivers();
            top.throwIfProblems();
        }
        return new Site(origin, text, parts.identity, parts.zone, parts.compilation, parts.factors, parts.methodology,
                parts.drivers, parts.bindings, parts.rules.ruleSet(), parts.rules.thresholds(),
                parts.rules.settings(), parts.retention, parts.lateWindow, parts.closeAfter, parts.uplink, parts.reporting,
                parts.store, parts.measurement);
    }

    /**
     * {@code base} computing with the methodology in {@code file} instead (a methodology package the configuration
     * lifecycle applies live): the site file's factor table, point bindings, rules and thresholds are read again
     * against it; identity, drivers, retention, uplink and the rest stay {@code base}'s. The site file's pinned
     * version is not checked: the package says which version runs.
     *
     * @throws InvalidConfigException listing every problem (the methodology does not compile, a binding, factor or
     *                                threshold of the site file no longer fits it, its rulesets are broken)
     */
    public Site withMethodology(Site base, Path file) {
        Compilation c = Compiler.compile(file, List.of(library.root()));
        if (!c.ok()) {
            List<String> errors = c.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::headline).toList();
            throw InvalidConfigException.of(file.toString(), "does not compile (" + errors.size() + " errors): "
                    + String.join(" | ", errors.subList(0, Math.min(5, errors.size()))));
        }
        ConfigNode top = ConfigNode.parse(base.text(), base.origin());
        Path dir = Path.of(base.origin()).toAbsolutePath().getParent();
        var info = c.graph().orElseThrow().info();
        Parts parts = new Parts();
        parts.compilation = c;
        parts.factors = c.defaults().library();
        parts.methodology = new MethodologyRef(info.id(), info.version(), ContentHash.of(c.loaded()));
        top.optionalText("factors").ifPresent(f -> siteFactors(top, dir.resolve(f), parts));
        Map<String, PointBinding> bindings = new BindingReader(c.graph().orElseThrow(), base.drivers().pointSettings()).read(top);
        SiteRules rules = SiteRules.read(top, dir, Optional.of(file.toAbsolutePath().getParent()), c.graph().orElseThrow(), bindings,
                base.drivers());
        top.throwIfProblems();
        return new Site(base.origin(), base.text(), base.identity(), base.zone(), c, parts.factors, parts.methodology, base.drivers(),
                bindings, rules.ruleSet(), rules.thresholds(), rules.settings(), base.retention(), base.lateWindow(), base.closeAfter(),
                base.uplink(), base.reporting(), base.store(), base.measurement());
    }

    /** What has been read so far; the drivers must be closed when loading fails. */
    private static final class Parts {
        SiteIdentity identity;
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        Compilation compilation;
        FactorLibrary factors;
        MethodologyRef methodology;
        DriverConfiguration drivers;
        Map<String, PointBinding> bindings = Map.of();
        SiteRules rules;
        RetentionPolicy retention = RetentionPolicy.standard();
        Duration lateWindow = Duration.ofHours(1);
        Duration closeAfter = Duration.ofMinutes(2);
        UplinkConfig uplink = UplinkConfig.NONE;
        ReportingDetails reporting = ReportingDetails.NONE;
        StoreChoice store = StoreChoice.DEFAULT;
        Optional<Measurement> measurement = Optional.empty();

        void closeDrivers() {
            if (drivers != null) {
                drivers.close();
            }
        }
    }

    private void read(ConfigNode top, Path dir, Parts parts) {
        parts.identity = identity(top);
        top.optionalText("zone").ifPresent(z -> {
            try {
                parts.zone = ZoneId.of(z);
            } catch (DateTimeException e) {
                top.problem("zone", "`" + z + "` is not a time zone; write a region id such as Asia/Shanghai");
            }
        });
        Optional<ConfigNode> methodology = top.object("methodology");
        Optional<Path> methodologyFile = methodology.flatMap(m -> methodologyFile(m, dir));
        if (!top.has("methodology")) {
            top.problem("methodology", "is required: `library: <id>` or `file: <path>`, and `version:`");
        }
        methodologyFile.ifPresent(f -> compile(top, methodology.orElseThrow(), f, parts));
        top.optionalText("factors").ifPresent(f -> siteFactors(top, dir.resolve(f), parts));
        parts.drivers = drivers(top, dir);
        top.optionalDuration("late_window", Duration.ofMinutes(15), Duration.ofDays(7)).ifPresent(d -> parts.lateWindow = d);
        top.optionalDuration("close_after", Duration.ofSeconds(10), Duration.ofHours(3)).ifPresent(d -> parts.closeAfter = d);
        if (parts.closeAfter.compareTo(parts.lateWindow) > 0) {
            top.problem("close_after", "must not be longer than late_window (" + Durations.format(parts.lateWindow)
                    + "): a bucket must be stored before the window leaves it behind");
        }
        if (parts.compilation != null && parts.drivers != null) {
            parts.bindings = new BindingReader(parts.compilation.graph().orElseThrow(), parts.drivers.pointSettings())
                    .read(top);
        } else if (!top.has("points")) {
            top.problem("points", "is required: a list binding points to methodology inputs (`- point: …, input: …, key: …`)");
        }
        parts.rules = SiteRules.read(top, dir, methodologyFile.map(Path::getParent),
                parts.compilation == null ? null : parts.compilation.graph().orElse(null), parts.bindings, parts.drivers);
        top.object("retention").ifPresent(r -> parts.retention = RetentionReader.read(r, parts.retention));
        top.object("store").ifPresent(s -> parts.store = StoreReader.read(s));
        parts.uplink = top.node("uplink").flatMap(u -> UplinkConfigLoader.read(u, dir)).orElse(UplinkConfig.NONE);
        if (parts.compilation == null || parts.drivers == null) {
            top.has("measurement"); // read, not judged: it is checked against the accounting methodology and the points
        } else {
            parts.measurement = top.object("measurement").flatMap(m -> new MeasurementReader(this, parts.compilation.graph().orElseThrow(),
                    parts.drivers.pointSettings(), parts.bindings).read(m, dir));
        }
        parts.reporting = ReportingReader.read(top, parts.drivers == null ? null : parts.drivers.pointSettings().keySet(), parts.bindings);
    }

    private static SiteIdentity identity(ConfigNode top) {
        Optional<ConfigNode> site = top.object("site");
        if (site.isEmpty()) {
            if (!top.has("site")) {
                top.problem("site", "is required: enterprise, id and name of the site");
            }
            return new SiteIdentity("", "", "", "");
        }
        ConfigNode s = site.get();
        String enterprise = s.requiredText("enterprise", "the enterprise's registered name").orElse("");
        String enterpriseId = s.optionalText("enterprise_id").orElse("");
        String id = s.requiredText("id", "a short site id such as plant-1").orElse("");
        if (!id.isEmpty() && !id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            s.problem("id", "`" + id + "` may only contain letters, digits and . _ - (at most 64) and must start with a letter or digit");
        }
        String name = s.optionalText("name").orElse(id);
        return new SiteIdentity(enterprise, enterpriseId, id, name);
    }

    Optional<Path> methodologyFile(ConfigNode m, Path dir) {
        Optional<String> file = m.optionalText("file");
        Optional<String> id = m.optionalText("library");
        m.requiredText("version", "the methodology version this site is pinned to, e.g. \"2022.1\"");
        if (file.isPresent() == id.isPresent()) {
            m.problem(file.isPresent() ? "file" : "library", "give exactly one of `library: <id>` and `file: <path>`");
            return Optional.empty();
        }
        if (file.isPresent()) {
            Path p = dir.resolve(file.get());
            if (!Files.isRegularFile(p)) {
                m.problem("file", "no file " + p);
                return Optional.empty();
            }
            return Optional.of(p);
        }
        if (library.ids().contains(id.get())) {
            Optional<String> version = m.optionalText("version");
            Optional<Path> found = version.flatMap(v -> library.fileOf(id.get(), v));
            if (found.isEmpty() && version.isPresent()) {
                m.problem("version", "the library has " + id.get() + " in version(s) " + String.join(", ", library.versions(id.get()).keySet())
                        + ", not " + version.get() + "; pin one of those or give `file:`");
            }
            return found;
        }
        Optional<String> near = Spelling.closest(id.get(), library.ids(), 4);
        m.problem("library", "no methodology `" + id.get() + "` in the library " + library.root()
                + (near.isPresent() ? "" : "; it has " + String.join(", ", library.ids())), near);
        return Optional.empty();
    }

    /** Compiles the site's methodology file into {@code parts}. */
    private void compile(ConfigNode top, ConfigNode methodology, Path file, Parts parts) {
        compiled(top, "methodology", methodology, file).ifPresent(c -> {
            parts.compilation = c.compilation();
            parts.factors = c.factors();
            parts.methodology = c.ref();
        });
    }

    /** A compiled methodology with its default factors and its reference. */
    record Compiled(Compilation compilation, FactorLibrary factors, MethodologyRef ref) {
    }

    /**
     * Compiles a methodology file named under {@code field}; imports not found beside it are looked
     * up in the library, as the CLI does. Empty (with a problem) when it does not compile or is not the pinned version.
     */
    Optional<Compiled> compiled(ConfigNode top, String field, ConfigNode methodology, Path file) {
        Compilation c = Compiler.compile(file, List.of(library.root()));
        if (!c.ok()) {
            String first = c.diagnostics().stream().filter(Diagnostic::isError).findFirst()
                    .map(Object::toString).orElse("no graph");
            top.problem(field, file + " does not compile (" + c.errors() + " errors; first: " + first
                    + "); run `tanhe check " + file + "`");
            return Optional.empty();
        }
        var info = c.graph().orElseThrow().info();
        String pinned = methodology.json().path("version").asText("");
        if (!pinned.isEmpty() && !pinned.equals(info.version())) {
            methodology.problem("version", "the site is pinned to " + pinned + " but " + file + " is "
                    + info.id() + " version " + info.version() + "; pin the version the file declares or use the file of version " + pinned);
        }
        return Optional.of(new Compiled(c, c.defaults().library(), new MethodologyRef(info.id(), info.version(), ContentHash.of(c.loaded()))));
    }

    private static void siteFactors(ConfigNode top, Path file, Parts parts) {
        FactorTableLoad load = FactorTableLoader.loadAll(List.of(file));
        if (!load.succeeded() || load.library().isEmpty()) {
            load.problems().forEach(p -> top.problem("factors", p.toString()));
            if (load.problems().isEmpty()) {
                top.problem("factors", "cannot load the factor table " + file);
            }
            return;
        }
        FactorLibrary site = load.library().get();
        if (parts.compilation != null) {
            var graph = parts.compilation.graph().orElseThrow();
            for (String name : site.factorNames()) {
                var node = graph.node(name);
                if (node.isEmpty() || node.get().kind() != NodeKind.FACTOR) {
                    top.problem("factors", file.getFileName() + ": `" + name + "` is not a factor of " + graph.info().id(),
                            Spelling.closest(name, graph.nodesOf(NodeKind.FACTOR).stream().map(n -> n.name()).toList(), 3));
                }
            }
            parts.factors = parts.factors.overriddenBy(site);
        }
    }

    private DriverConfiguration drivers(ConfigNode top, Path dir) {
        boolean inline = top.has("drivers");
        boolean file = top.has("drivers_file");
        if (inline == file) {
            top.problem(inline ? "drivers_file" : "drivers", inline
                    ? "give the devices either inline under `drivers:` or in `drivers_file:`, not both"
                    : "is required: the points file, inline (`drivers: {devices: [...]}`) or as `drivers_file: points.yaml`");
            return null;
        }
        PointsFileLoader loader = new PointsFileLoader(sourceTypes);
        if (inline) {
            return loader.read(top.node("drivers").orElseThrow(), new ConfigContext(clock, dir)).orElse(null);
        }
        Optional<String> name = top.optionalText("drivers_file");
        if (name.isEmpty()) {
            return null;
        }
        Path p = shown(dir.resolve(name.get()));
        try {
            return loader.load(p, clock);
        } catch (InvalidConfigException e) {
            e.problems().forEach(top::report); // each names the points file, its line and its path
            return null;
        } catch (IOException e) {
            top.problem("drivers_file", "cannot read " + e.getMessage());
            return null;
        }
    }

    /** A file as messages name it: relative to the working directory when it lies below it (as the person typed it). */
    static Path shown(Path file) {
        Path cwd = Path.of("").toAbsolutePath();
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(cwd) ? cwd.relativize(absolute) : absolute;
    }
}
