package io.tanhe.engine.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tanhe.engine.rules.diagnostic.RuleProblem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The validation rulesets a methodology folder ships: the shared rulesets its
 * {@code *.rulesets.yaml} manifest includes, then every {@code .drl} file of the folder itself. A
 * manifest names the shared files relative to the folder, the way a methodology imports shared
 * formulas ({@code import "../shared/combustion.tanhe"}):
 * <pre>
 * include:
 *   - ../shared/rules/combustion.validation.drl
 * </pre>
 * Works on any file system, also inside the jar that bundles the library.
 *
 * @param files    the DRL files, each once: the included ones in manifest order, then the folder's
 *                 own in name order
 * @param problems what is wrong with a manifest (unreadable, no {@code include:} list, an entry that
 *                 names no DRL file); the files it names correctly are still listed
 */
public record MethodologyRulesets(List<Path> files, List<RuleProblem> problems) {
    /** How a manifest's file name ends. */
    public static final String MANIFEST_SUFFIX = ".rulesets.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public MethodologyRulesets {
        files = List.copyOf(files);
        problems = List.copyOf(problems);
    }

    /** The rulesets of the methodology folder {@code dir}. */
    public static MethodologyRulesets of(Path dir) {
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = list.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            return new MethodologyRulesets(List.of(), List.of(RuleProblem.error(dir.toString(), 0, "R001",
                    "cannot list the methodology folder: " + e.getMessage(), "check the path and permissions")));
        }
        Set<Path> files = new LinkedHashSet<>();
        List<RuleProblem> problems = new ArrayList<>();
        for (Path manifest : entries) {
            if (manifest.getFileName().toString().endsWith(MANIFEST_SUFFIX)) {
                MethodologyRulesets included = included(manifest);
                files.addAll(included.files());
                problems.addAll(included.problems());
            }
        }
        entries.stream().filter(MethodologyRulesets::isDrl).forEach(f -> files.add(f.normalize()));
        return new MethodologyRulesets(new ArrayList<>(files), problems);
    }

    /** The DRL files one manifest includes, resolved against its folder. */
    public static MethodologyRulesets included(Path manifest) {
        String name = manifest.toString();
        String text;
        JsonNode root;
        try {
            text = Files.readString(manifest, StandardCharsets.UTF_8);
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
            return new MethodologyRulesets(List.of(), List.of(RuleProblem.error(name, line, "R001",
                    "not valid YAML: " + e.getOriginalMessage(), "fix the syntax at this line")));
        } catch (IOException e) {
            return new MethodologyRulesets(List.of(), List.of(RuleProblem.error(name, 0, "R001",
                    "cannot read the rulesets manifest: " + e.getMessage(), "check the path and permissions")));
        }
        JsonNode include = root == null ? null : root.get("include");
        if (include == null || !include.isArray()) {
            return new MethodologyRulesets(List.of(), List.of(RuleProblem.error(name, lineOf(text, "include"), "R002",
                    "the manifest has no `include:` list",
                    "write `include:` followed by lines like `  - ../shared/rules/combustion.validation.drl`")));
        }
        List<RuleProblem> problems = new ArrayList<>();
        root.fieldNames().forEachRemaining(f -> {
            if (!f.equals("include")) {
                problems.add(RuleProblem.error(name, lineOf(text, f + ":"), "R003", "unknown field `" + f + "`",
                        "a rulesets manifest has one field, `include:`"));
            }
        });
        List<Path> files = new ArrayList<>();
        for (JsonNode entry : include) {
            Path file = manifest.resolveSibling(entry.asText()).normalize();
            if (entry.isTextual() && isDrl(file)) {
                files.add(file);
            } else {
                problems.add(RuleProblem.error(name, lineOf(text, entry.asText()), "R006", "`" + entry.asText()
                        + "` names no DRL file (looked for " + file + ")", "paths are relative to the manifest's folder "
                        + "and end in .drl, e.g. ../shared/rules/combustion.validation.drl"));
            }
        }
        return new MethodologyRulesets(files, problems);
    }

    private static boolean isDrl(Path f) {
        return f.getFileName() != null && f.getFileName().toString().endsWith(".drl") && Files.isRegularFile(f);
    }

    /** The 1-based line where {@code needle} first occurs in {@code text}, or 0 when it does not. */
    private static int lineOf(String text, String needle) {
        int at = text.indexOf(needle);
        return at < 0 ? 0 : (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
