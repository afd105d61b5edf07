package io.tanhe.server.console;

import io.tanhe.grammar.config.ConfigProblem;
import io.tanhe.grammar.config.InvalidConfigException;
import io.tanhe.server.site.Site;
import io.tanhe.server.site.SiteLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The site's points file as the console's editor sees it: the current text (the file {@code drivers_file:} names, or
 * the site file's inline {@code drivers:} block), its validation — the whole site loaded with the edited points, as
 * {@code tanhe run --check} does, so a point the site's {@code points:} maps but the file lost is named too — and
 * the numbered candidate files saved under {@code DATA/candidates/points/}. A saved candidate is pushed to the running
 * terminal as a site file version naming it in {@code drivers_file:} ({@link #siteWith}): the devices it changes restart
 * alone (docs/lifecycle.md "Site file changes").
 */
final class PointsFiles {
    /** The editor's own name for the points text in messages. */
    static final String NAME = "points.yaml";
    private static final Pattern DRIVERS_FILE = Pattern.compile("(?m)^drivers_file:\\s*[\"']?([^\"'#\\s]+)[\"']?.*$");
    private static final Pattern DRIVERS_BLOCK = Pattern.compile("(?m)^drivers:[ \\t]*(#.*)?$");
    private static final Pattern CANDIDATE = Pattern.compile("points-v(\\d+)\\.yaml");

    /** One problem of the edited text: its line (0: not in the points text) and where in the site file if there. */
    record Problem(int line, int column, String path, String message, boolean inPoints) {
    }

    /** A saved candidate. */
    record Candidate(int version, Path file, Instant saved) {
    }

    private final Site site;
    private final SiteLoader loader;
    private final Path dir;

    PointsFiles(Site site, SiteLoader loader, Path dataDir) {
        this.site = site;
        this.loader = loader;
        this.dir = dataDir.resolve("candidates").resolve("points");
    }

    private Path siteDir() {
        return Path.of(site.origin()).toAbsolutePath().getParent();
    }

    /** The points text the terminal runs with. */
    String current() {
        Matcher file = DRIVERS_FILE.matcher(site.text());
        if (file.find()) {
            try {
                return Files.readString(siteDir().resolve(file.group(1)), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the points file " + file.group(1) + " the site file names", e);
            }
        }
        List<String> lines = site.text().lines().toList();
        int start = start(lines);
        if (start < 0) {
            return "";
        }
        List<String> block = new ArrayList<>();
        for (int i = start + 1; i < lines.size() && (lines.get(i).isBlank() || Character.isWhitespace(lines.get(i).charAt(0))); i++) {
            block.add(lines.get(i));
        }
        while (!block.isEmpty() && block.getLast().isBlank()) {
            block.removeLast();
        }
        int indent = block.stream().filter(l -> !l.isBlank()).mapToInt(PointsFiles::indent).min().orElse(0);
        StringBuilder out = new StringBuilder();
        block.forEach(l -> out.append(l.isBlank() ? "" : l.substring(indent)).append('\n'));
        return out.toString();
    }

    private static int start(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (DRIVERS_BLOCK.matcher(lines.get(i)).matches()) {
                return i;
            }
        }
        return -1;
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * Every problem of the site run with {@code text} as its points file; none when it would load. The text is
     * written to a scratch file beside the candidates for the loader (paths inside resolve against the site's folder).
     */
    List<Problem> check(String text) {
        Path scratch;
        try {
            Files.createDirectories(dir);
            scratch = Files.createTempFile(dir, "check-", ".yaml");
            Files.writeString(scratch, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Site loaded = loader.parse(siteText(scratch), site.origin(), siteDir());
            loaded.close();
            return List.of();
        } catch (InvalidConfigException e) {
            List<Problem> out = new ArrayList<>();
            String scratchName = scratch.getFileName().toString();
            for (ConfigProblem p : e.problems()) {
                boolean inPoints = p.file() != null && p.file().endsWith(scratchName);
                String message = p.message() + (p.suggestion() == null || p.suggestion().isEmpty() ? "" : " — " + p.suggestion());
                out.add(new Problem(inPoints ? p.line() : 0, inPoints ? p.column() : 0, p.path(),
                        message.replace(scratch.toString(), NAME).replace(scratchName, NAME), inPoints));
            }
            return out;
        } finally {
            try {
                Files.deleteIfExists(scratch);
            } catch (IOException e) {
                // a scratch file left behind is harmless and the next check writes another
            }
        }
    }

    /** The running site file's text with its devices taken from the saved candidate {@code c}: what the console pushes. */
    String siteWith(Candidate c) {
        return siteText(c.file());
    }

    /** The site file's text with its drivers taken from {@code points}. */
    private String siteText(Path points) {
        String text = site.text();
        Matcher file = DRIVERS_FILE.matcher(text);
        String reference = "drivers_file: \"" + points.toAbsolutePath().toString().replace("\\", "/") + "\"";
        if (file.find()) {
            return file.replaceFirst(Matcher.quoteReplacement(reference));
        }
        List<String> lines = new ArrayList<>(text.lines().toList());
        int start = start(lines);
        if (start < 0) {
            return text + "\n" + reference + "\n";
        }
        int end = start + 1;
        while (end < lines.size() && (lines.get(end).isBlank() || Character.isWhitespace(lines.get(end).charAt(0)))) {
            end++;
        }
        lines.subList(start, end).clear();
        lines.add(start, reference);
        return String.join("\n", lines) + "\n";
    }

    /** Saves {@code text} as the next numbered candidate, with a header saying who saved it and how to apply it. */
    Candidate save(String text, String who, Instant at) {
        try {
            Files.createDirectories(dir);
            int next = candidates().stream().mapToInt(Candidate::version).max().orElse(0) + 1;
            Path file = dir.resolve("points-v" + next + ".yaml");
            String header = "# points file candidate v" + next + " for site " + site.identity().siteId() + ", saved by " + who + " at " + at
                    + "\n# validated with the site file " + site.origin() + "; pushed to the running terminal as a site file version"
                    + " naming it in drivers_file: (tanhe site log)\n";
            // CREATE_NEW: a saved version is never overwritten, even by another console page saving at the same moment
            Files.writeString(file, text.startsWith("# points file candidate v") ? header + text.substring(text.indexOf('\n',
                    text.indexOf('\n') + 1) + 1) : header + text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            return new Candidate(next, file, at);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The saved candidates, newest first. */
    List<Candidate> candidates() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> {
                Matcher m = CANDIDATE.matcher(f.getFileName().toString());
                if (!m.matches()) {
                    return null;
                }
                try {
                    return new Candidate(Integer.parseInt(m.group(1)), f, Files.getLastModifiedTime(f).toInstant());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).filter(java.util.Objects::nonNull).sorted((a, b) -> Integer.compare(b.version(), a.version())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Candidate {@code version}'s text. */
    Optional<String> candidate(int version) {
        Path f = dir.resolve("points-v" + version + ".yaml");
        try {
            return Files.isRegularFile(f) ? Optional.of(Files.readString(f, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SHA-256 of {@code text}, for the audit. */
    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
