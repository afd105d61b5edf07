package io.tanhe.server.report.document;

import java.util.List;

/** What a section holds: text, name–value facts, a table or a chart. */
public sealed interface Block permits Block.Paragraph, Block.Facts, Block.Table, Block.Chart {

    /** A paragraph of running text. */
    record Paragraph(String text) implements Block {
    }

    /** Name–value pairs shown as a two-column list (the entity's details, a plan's items). */
    record Facts(List<Fact> facts) implements Block {
        public Facts {
            facts = List.copyOf(facts);
        }
    }

    /** One name–value pair. */
    record Fact(String name, String value) {
    }

    /**
     * A table: numbers stay numbers (right-aligned in the PDF, numeric cells in the workbook), units go
     * in the column headers.
     *
     * @param caption a line above the table; may be empty
     */
    record Table(String caption, List<Column> columns, List<List<Cell>> rows) implements Block {
        public Table {
            columns = List.copyOf(columns);
            rows = rows.stream().map(List::copyOf).toList();
            for (List<Cell> r : rows) {
                if (r.size() != columns.size()) {
                    throw new IllegalArgumentException("a row of " + r.size() + " cells in a table of " + columns.size()
                            + " columns (" + caption + ")");
                }
            }
        }
    }

    /**
     * A column.
     *
     * @param unit   shown in the header as {@code title (unit)}; empty for none
     * @param weight the column's relative width in the PDF
     */
    record Column(String title, String unit, float weight) {
        /** The header text: the title with its unit. */
        public String header() {
            return unit.isEmpty() ? title : title + " (" + unit + ")";
        }
    }

    /** A table cell. */
    sealed interface Cell permits Text, Number {
    }

    /** Text. */
    record Text(String text) implements Cell {
    }

    /**
     * A number shown to {@code digits} decimals; {@code percent} shows 0.25 as 25.0 % (a fraction is stored).
     */
    record Number(double value, int digits, boolean percent) implements Cell {
        public static Number of(double value, int digits) {
            return new Number(value, digits, false);
        }

        public static Number percent(double fraction) {
            return new Number(fraction, 1, true);
        }
    }

    /**
     * A chart: categories on one axis, one or more series of values; a pie shows the first series.
     *
     * @param unit the value axis label
     */
    record Chart(ChartKind kind, String title, String unit, List<String> categories, List<Series> series) implements Block {
        public Chart {
            categories = List.copyOf(categories);
            series = List.copyOf(series);
            for (Series s : series) {
                if (s.values().size() != categories.size()) {
                    throw new IllegalArgumentException("series `" + s.name() + "` has " + s.values().size() + " values for "
                            + categories.size() + " categories (" + title + ")");
                }
            }
        }
    }

    /** Stacked bars (a total split by class over time), grouped bars, lines or a pie (structure). */
    enum ChartKind { STACKED_BAR, BAR, LINE, PIE }

    /** One series of a chart. */
    record Series(String name, List<Double> values) {
        public Series {
            values = List.copyOf(values);
        }
    }
}
