package io.tanhe.server.report.document;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.FontMapper;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfTemplate;
import com.lowagie.text.pdf.PdfWriter;
import org.jfree.chart.JFreeChart;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Prints a {@link ReportDocument} as an A4 PDF: numbered section headings, tables whose header row
 * repeats on every page they span, numbers right-aligned, charts drawn as vectors (JFreeChart into
 * the PDF's own graphics), every text in the embedded {@link CjkFont}, a footer with the title and
 * page number.
 */
public final class PdfRenderer {
    private static final float CHART_HEIGHT = 250;
    private static final Color HEADER = new Color(0xd9e2f3);
    private static final Color RULE = new Color(0xbfbfbf);

    private final CjkFont font;

    public PdfRenderer(CjkFont font) {
        this.font = font;
    }

    /** Writes {@code doc} to {@code out} (not closed). */
    public void write(ReportDocument doc, OutputStream out) {
        BaseFont base;
        try {
            base = BaseFont.createFont(font.pdfName(), BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
        } catch (IOException | DocumentException e) {
            throw new IllegalStateException("the report font " + font.file() + " cannot be embedded in a PDF: " + e.getMessage()
                    + "; name another with -Dtanhe.report.font=FILE", e);
        }
        Fonts f = new Fonts(base);
        java.awt.Font awt = font.awt(10);
        Document pdf = new Document(PageSize.A4, 56, 56, 56, 60);
        try {
            PdfWriter writer = PdfWriter.getInstance(pdf, new NoClose(out));
            writer.setPageEvent(new Footer(doc.title(), f.footer));
            pdf.addTitle(doc.title());
            pdf.addCreator("Tanhe");
            pdf.open();
            Paragraph title = ChineseLineBreaks.applyTo(new Paragraph(doc.title(), f.title));
            title.setAlignment(Element.ALIGN_CENTER);
            title.setSpacingAfter(6);
            pdf.add(title);
            Paragraph subtitle = ChineseLineBreaks.applyTo(new Paragraph(doc.subtitle(), f.body));
            subtitle.setAlignment(Element.ALIGN_CENTER);
            subtitle.setSpacingAfter(14);
            pdf.add(subtitle);
            int number = 0;
            for (Section s : doc.sections()) {
                number++;
                float needed = 60 + (!s.blocks().isEmpty() && s.blocks().get(0) instanceof Block.Chart ? CHART_HEIGHT : 40);
                if (writer.getVerticalPosition(false) - pdf.bottom() < needed) {
                    pdf.newPage();
                }
                Paragraph heading = ChineseLineBreaks.applyTo(new Paragraph(number + "  " + s.title(), f.heading));
                heading.setSpacingBefore(12);
                heading.setSpacingAfter(6);
                heading.setKeepTogether(true);
                pdf.add(heading);
                for (Block b : s.blocks()) {
                    add(pdf, writer, b, f, awt);
                }
            }
            pdf.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("cannot lay out the PDF report: " + e.getMessage(), e);
        }
    }

    private static void add(Document pdf, PdfWriter writer, Block block, Fonts f, java.awt.Font awt) throws DocumentException {
        switch (block) {
            case Block.Paragraph p -> {
                Paragraph para = ChineseLineBreaks.applyTo(new Paragraph(p.text(), f.body));
                para.setLeading(15);
                para.setSpacingAfter(6);
                pdf.add(para);
            }
            case Block.Facts facts -> {
                PdfPTable t = new PdfPTable(new float[]{1.3f, 3f});
                t.setWidthPercentage(100);
                t.setSpacingBefore(6);
                t.setSpacingAfter(8);
                for (Block.Fact fact : facts.facts()) {
                    t.addCell(cell(fact.name(), f.bodyBold, Element.ALIGN_LEFT, new Color(0xf2f2f2)));
                    t.addCell(cell(fact.value(), f.body, Element.ALIGN_LEFT, null));
                }
                pdf.add(t);
            }
            case Block.Table table -> pdf.add(table(table, f));
            case Block.Chart chart -> pdf.add(chart(writer, chart, awt, f.base, pdf.getPageSize().getWidth() - pdf.leftMargin() - pdf.rightMargin()));
        }
    }

    private static PdfPTable table(Block.Table table, Fonts f) throws DocumentException {
        boolean wide = table.columns().size() >= 8;
        Font body = wide ? f.small : f.table;
        float[] widths = new float[table.columns().size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = table.columns().get(i).weight();
        }
        PdfPTable t = new PdfPTable(widths);
        t.setWidthPercentage(100);
        t.setSpacingBefore(6);
        t.setSpacingAfter(8);
        t.setHeaderRows(table.caption().isEmpty() ? 1 : 2);
        if (!table.caption().isEmpty()) {
            PdfPCell caption = cell(table.caption(), f.bodyBold, Element.ALIGN_LEFT, null);
            caption.setColspan(widths.length);
            caption.setBorder(Rectangle.NO_BORDER);
            caption.setPaddingBottom(4);
            t.addCell(caption);
        }
        for (Block.Column c : table.columns()) {
            t.addCell(cell(c.header(), wide ? f.small : f.tableBold, Element.ALIGN_CENTER, HEADER));
        }
        if (table.rows().isEmpty()) {
            PdfPCell none = cell("（无数据 no data）", f.table, Element.ALIGN_CENTER, null);
            none.setColspan(widths.length);
            t.addCell(none);
        }
        for (List<Block.Cell> row : table.rows()) {
            for (Block.Cell c : row) {
                switch (c) {
                    case Block.Text text -> t.addCell(cell(text.text(), body, Element.ALIGN_LEFT, null));
                    case Block.Number n -> t.addCell(cell(Numbers.text(n), body, Element.ALIGN_RIGHT, null));
                }
            }
        }
        return t;
    }

    private static PdfPCell cell(String text, Font font, int align, Color background) {
        PdfPCell c = new PdfPCell(ChineseLineBreaks.applyTo(new Phrase(text, font)));
        c.setHorizontalAlignment(align);
        c.setVerticalAlignment(Element.ALIGN_MIDDLE);
        c.setLeading(0, 1.25f);
        c.setPadding(3);
        c.setPaddingBottom(4);
        c.setBorderColor(RULE);
        c.setBorderWidth(0.5f);
        if (background != null) {
            c.setBackgroundColor(background);
        }
        return c;
    }

    private static Image chart(PdfWriter writer, Block.Chart chart, java.awt.Font awt, BaseFont base, float width) throws DocumentException {
        JFreeChart jfree = Charts.create(chart, awt);
        PdfContentByte cb = writer.getDirectContent();
        PdfTemplate template = cb.createTemplate(width, CHART_HEIGHT);
        Graphics2D g = template.createGraphics(width, CHART_HEIGHT, new OneFont(awt, base));
        jfree.draw(g, new Rectangle2D.Double(0, 0, width, CHART_HEIGHT));
        g.dispose();
        Image image = Image.getInstance(template);
        image.setAlignment(Element.ALIGN_CENTER);
        image.setSpacingAfter(8);
        return image;
    }

    /** Maps every font the chart asks for to the report's CJK font (embedded once), so Chinese labels have glyphs. */
    private record OneFont(java.awt.Font awt, BaseFont base) implements FontMapper {
        @Override
        public BaseFont awtToPdf(java.awt.Font font) {
            return base;
        }

        @Override
        public java.awt.Font pdfToAwt(BaseFont font, int size) {
            return awt.deriveFont((float) size);
        }
    }

    private record Fonts(BaseFont base, Font title, Font heading, Font body, Font bodyBold, Font table, Font tableBold, Font small, Font footer) {
        Fonts(BaseFont base) {
            this(base, new Font(base, 18), new Font(base, 13, Font.NORMAL, new Color(0x1f4e79)), new Font(base, 10),
                    new Font(base, 10), new Font(base, 8.5f), new Font(base, 8.5f), new Font(base, 7.5f), new Font(base, 7.5f, Font.NORMAL, Color.GRAY));
        }
    }

    /** The title and page number at the foot of every page. */
    private static final class Footer extends PdfPageEventHelper {
        private final String title;
        private final Font font;

        Footer(String title, Font font) {
            this.title = title;
            this.font = font;
        }

        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            PdfContentByte cb = writer.getDirectContent();
            float y = document.bottom() - 24;
            ColumnText.showTextAligned(cb, Element.ALIGN_LEFT, new Phrase(title, font), document.left(), y, 0);
            ColumnText.showTextAligned(cb, Element.ALIGN_RIGHT, new Phrase(new Chunk("第 " + writer.getPageNumber() + " 页", font)),
                    document.right(), y, 0);
        }
    }

    /** Keeps the caller's stream open: OpenPDF closes the stream it writes to. */
    private static final class NoClose extends java.io.FilterOutputStream {
        NoClose(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
