package io.tanhe.server.terminal.lifecycle;

import io.tanhe.engine.rules.RuleCompiler;
import io.tanhe.engine.rules.RulesRejectedException;
import io.tanhe.engine.rules.diagnostic.RuleProblem;
import io.tanhe.grammar.config.InvalidConfigException;
import io.tanhe.server.site.MethodologyLibrary;
import io.tanhe.server.site.Site;
import io.tanhe.server.site.SiteLoader;
import io.tanhe.server.store.FileTrees;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A methodology package compiled against a site: the package's files laid out in a scratch folder, its methodology
 * compiled (imports resolve inside the package first, then in the library), the site file's factor table, point
 * bindings, rules and thresholds read again against it ({@link SiteLoader#withMethodology}). The result is one
 * immutable {@link Site} the terminal swaps in whole: the evaluation thread sees the old graph or the new one,
 * never a mix.
 *
 * <p>Only a new version of the methodology the site runs, binding the site's points the same way, is applied live;
 * another methodology or changed bindings need a changed site file and a restart.
 *
 * @param site the site computing with the package's methodology
 */
record MethodologyPackage(Site site) {
    private static final Pattern HEADER = Pattern.compile("(?m)\\A(?:\\s*//[^\\n]*\\n|\\s*\\n)*\\s*methodology\\s");

    /**
     * Compiles {@code candidate} against {@code base} and its rulesets with Drools (what a verification step does).
     *
     * @throws PackageRefusedException naming the problem (file:line inside the package)
     */
    static MethodologyPackage compile(Candidate candidate, Site base) {
        MethodologyPackage p = of(candidate, base);
        try {
            new RuleCompiler().compile(p.site.rules());
        } catch (RulesRejectedException e) {
            throw new PackageRefusedException(PackageState.COMPILED, "the rules do not compile: " + String.join(" | ",
                    e.problems().stream().filter(RuleProblem::isError).map(RuleProblem::headline).map(MethodologyPackage::inPackage).toList()));
        }
        return p;
    }

    /**
     * The site with {@code candidate}'s methodology, without compiling its rules (they compiled when it was checked).
     *
     * @throws PackageRefusedException when it does not fit the site
     */
    static MethodologyPackage of(Candidate candidate, Site base) {
        Path dir;
        try {
            dir = Files.createTempDirectory("tanhe-methodology-").toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a scratch folder to compile the methodology package in: " + e.getMessage(), e);
        }
        try {
            Path entry = layOut(candidate, dir);
            Site site;
            try {
                site = new SiteLoader(List.of(), MethodologyLibrary.find(), Clock.systemUTC()).withMethodology(base, entry);
            } catch (InvalidConfigException e) {
                throw new PackageRefusedException(PackageState.COMPILED, e.getMessage().replace(dir + "/", ""));
            }
            String id = site.methodology().id();
            if (!id.equals(base.methodology().id())) {
                throw new PackageRefusedException(PackageState.COMPILED, "the package holds methodology " + id + ", the site runs "
                        + base.methodology().id() + ": a terminal applies new versions of its own methodology live; change the site"
                        + " file's methodology and restart to run another one");
            }
            if (!site.bindings().equals(base.bindings())) {
                throw new PackageRefusedException(PackageState.COMPILED, "methodology " + id + " " + site.methodology().version()
                        + " binds the site's points differently (an input's kind or unit changed): change the site file and restart");
            }
            return new MethodologyPackage(site);
        } finally {
            FileTrees.deleteQuietly(dir);
        }
    }

    /** Writes the package's files into {@code dir}; returns its methodology file (the one in the manifest's entry folder). */
    private static Path layOut(Candidate candidate, Path dir) {
        String entryFolder = candidate.signedPackage().map(p -> p.manifest().entry()).orElse("");
        List<String> methodologies = candidate.files().entrySet().stream()
                .filter(f -> f.getKey().endsWith(".tanhe") && HEADER.matcher(f.getValue()).find())
                .map(Map.Entry::getKey)
                .filter(f -> entryFolder.isEmpty() || f.startsWith(entryFolder + "/"))
                .toList();
        if (methodologies.size() != 1) {
            throw new PackageRefusedException(PackageState.COMPILED, "a methodology package holds one methodology"
                    + (entryFolder.isEmpty() ? "" : " in its entry folder " + entryFolder) + "; this one has " + methodologies.size()
                    + (methodologies.isEmpty() ? "" : ": " + String.join(", ", methodologies)));
        }
        try {
            for (Map.Entry<String, String> f : candidate.files().entrySet()) {
                Path target = dir.resolve(f.getKey()).normalize();
                if (!target.startsWith(dir)) {
                    throw new PackageRefusedException(PackageState.COMPILED, "the file path `" + f.getKey() + "` leaves the package");
                }
                Files.createDirectories(target.getParent());
                Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out the methodology package: " + e.getMessage(), e);
        }
        return dir.resolve(methodologies.getFirst());
    }

    /** A rule problem's headline with the scratch folder taken out of its path. */
    private static String inPackage(String headline) {
        return headline.replaceFirst("^.*?tanhe-methodology-[^/]*/", "");
    }
}
