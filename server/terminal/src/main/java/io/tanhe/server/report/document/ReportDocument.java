package io.tanhe.server.report.document;

import java.util.List;

/**
 * A report as sections of paragraphs, facts, tables and charts, independent of its file format: the
 * periodic and the annual report build one, {@link PdfRenderer} prints it on A4 and {@link XlsxRenderer}
 * writes a workbook with a sheet per section.
 *
 * @param title    the report's title (Chinese first, as the reader is)
 * @param subtitle the line under the title: who, which period
 * @param sections in reading order
 */
public record ReportDocument(String title, String subtitle, List<Section> sections) {
    public ReportDocument {
        sections = List.copyOf(sections);
    }

    /** The section titled {@code title}, for tests and callers that look one up. */
    public Section section(String title) {
        return sections.stream().filter(s -> s.title().equals(title)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no section `" + title + "`"));
    }
}
