package io.tanhe.engine.factors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tanhe.engine.factors.FactorTableReader.Entry;
import io.tanhe.engine.factors.FactorTableReader.Table;
import io.tanhe.engine.factors.LocatedNode.Location;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Loads versioned factor tables from YAML ({@code .yaml}, {@code .yml}) or JSON ({@code .json})
 * files. The format (described with examples in {@code docs/factor-tables.md}):
 * <pre>
 * table: cn.fossil-fuels-2013      # id: letters, digits, '.', '-', '_'
 * version: "2013.1"                # string or number
 * description: "..."               # optional
 * factors:
 *   - factor: ncv                  # identifier the methodology uses
 *     key: bituminous              # optional, "" for a scalar factor; members joined by ',' for several index sets
 *     value: 19.570                # a number; its digits are kept as written
 *     unit: GJ/t                   # must parse (io.tanhe.engine.units.Unit)
 *     valid_from: 2021-01-01       # optional, inclusive
 *     valid_until: 2023-01-01      # optional, exclusive
 *     source: "GB/T 32150-2015 ..." # required: the document, and how it was obtained if second-hand
 *     clause: "表B.1"              # optional
 *     confidence: A                # required: A, B, C, U or SITE
 *     note: "..."                  # optional
 * </pre>
 * Every problem is collected, each with the file, a path such as {@code factors[12].unit}, and
 * the line and column where the parser saw it (0 when unknown): malformed syntax, unknown fields
 * (with a did-you-mean), missing or wrongly typed fields, units that do not parse, bad dates,
 * empty validity periods, overlapping validity for the same factor and key, and one factor with
 * units of different dimensions. A library is returned only when there are no problems.
 */
public final class FactorTableLoader {

    /** File-name endings that {@link #loadDirectory(Path)} picks up. */
    public static final List<String> TABLE_SUFFIXES = List.of(".factors.yaml", ".factors.yml", ".factors.json");

    private static final JsonFactory JSON = new JsonFactory();
    private static final YAMLFactory YAML = new YAMLFactory();

    private FactorTableLoader() {
    }

    /** Loads one table file. */
    public static FactorTableLoad load(Path file) {
        return loadAll(List.of(file));
    }

    /**
     * Loads one table from text, e.g. a table pushed through the API; {@code fileName} chooses the
     * format by its extension and names the table in problems.
     */
    public static FactorTableLoad load(String fileName, String content) {
        ProblemList problems = new ProblemList();
        Table table = parse(fileName, content, problems);
        return finish(List.of(table), problems);
    }

    /**
     * Loads several tables into one library; values of all files must not conflict with each other.
     * The library's id and version are those of the tables joined with {@code +}, in the given order.
     */
    public static FactorTableLoad loadAll(Collection<Path> files) {
        ProblemList problems = new ProblemList();
        List<Table> tables = new ArrayList<>();
        for (Path file : files) {
            try {
                tables.add(parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8), problems));
            } catch (IOException e) {
                problems.add(file.toString(), "", Location.UNKNOWN, "cannot read the file: " + e);
            }
        }
        return finish(tables, problems);
    }

    /** Loads every table file (see {@link #TABLE_SUFFIXES}) directly in {@code directory}, in name order. */
    public static FactorTableLoad loadDirectory(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return loadAll(entries.filter(FactorTableLoader::isTableFile).sorted().toList());
        } catch (IOException e) {
            ProblemList problems = new ProblemList();
            problems.add(directory.toString(), "", Location.UNKNOWN, "cannot list the directory: " + e);
            return FactorTableLoad.failed(problems.all());
        }
    }

    /** True for files named like a factor table ({@code *.factors.yaml} and so on). */
    public static boolean isTableFile(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && TABLE_SUFFIXES.stream().anyMatch(name::endsWith);
    }

    private static Table parse(String fileName, String content, ProblemList problems) {
        JsonFactory factory = factoryFor(fileName);
        if (factory == null) {
            problems.add(fileName, "", Location.UNKNOWN, "unsupported file type: a factor table ends in .yaml, .yml or .json");
            return emptyTable();
        }
        try (JsonParser parser = factory.createParser(new StringReader(content))) {
            LocatedNode root = new LocatedTreeReader(parser, (location, path) ->
                    problems.add(fileName, path, location, "duplicate field: each field appears once")).read();
            if (parser.nextToken() != null) {
                problems.add(fileName, "", LocatedTreeReader.location(parser.currentTokenLocation()),
                        "more than one document: a factor table file holds exactly one table");
            }
            return new FactorTableReader(fileName, problems).read(root);
        } catch (JsonProcessingException e) {
            SyntaxError error = SyntaxError.of(e);
            problems.add(fileName, "", error.location(), error.message());
        } catch (IOException e) {
            problems.add(fileName, "", Location.UNKNOWN, "cannot read: " + e);
        }
        return emptyTable();
    }

    private static Table emptyTable() {
        return new Table(null, null, List.of());
    }

    private static JsonFactory factoryFor(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".json")) {
            return JSON;
        }
        return lower.endsWith(".yaml") || lower.endsWith(".yml") ? YAML : null;
    }

    private static FactorTableLoad finish(List<Table> tables, ProblemList problems) {
        List<Entry> entries = tables.stream().flatMap(t -> t.entries().stream()).toList();
        Map<FactorValue, Entry> origin = new IdentityHashMap<>();
        entries.forEach(e -> origin.put(e.value(), e));
        List<FactorValue> values = entries.stream().map(Entry::value).toList();
        for (FactorConflict conflict : FactorConflict.among(values)) {
            Entry first = origin.get(conflict.first());
            Entry second = origin.get(conflict.second());
            problems.add(second.file(), second.path(), second.location(), conflictMessage(conflict, first, second));
        }
        if (problems.size() > 0) {
            return FactorTableLoad.failed(problems.all());
        }
        String id = tables.stream().map(Table::id).map(Objects::toString).collect(Collectors.joining("+"));
        String version = tables.stream().map(Table::version).map(Objects::toString).collect(Collectors.joining("+"));
        return FactorTableLoad.loaded(FactorLibrary.of(id, version, values));
    }

    private static String conflictMessage(FactorConflict conflict, Entry first, Entry second) {
        String where = first.path() + (first.file().equals(second.file()) ? "" : " of " + first.file())
                + " (line " + first.location().line() + ")";
        FactorValue a = conflict.first();
        FactorValue b = conflict.second();
        return switch (conflict.kind()) {
            case OVERLAPPING_VALIDITY -> "`" + b.label() + "` valid " + b.validityText() + " overlaps " + where
                    + " valid " + a.validityText() + ": a lookup would be ambiguous; end the earlier value with "
                    + "valid_until where the later one starts";
            case MIXED_DIMENSIONS -> "`" + b.factor() + "` is in " + b.unit() + " (" + b.parsedUnit().dimension().describe()
                    + ") here but in " + a.unit() + " (" + a.parsedUnit().dimension().describe() + ") at " + where
                    + ": one factor has one dimension; give these values a factor name of their own";
        };
    }
}
