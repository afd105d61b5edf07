package io.tanhe.server.report.document;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Reads a PDF back for tests: its text (PDFBox) and a page rendered to PNG (poppler's pdftoppm) for people to look at. */
public final class PdfPages {
    private PdfPages() {
    }

    /** The text of every page. */
    public static String text(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    /** How many pages it has. */
    public static int pages(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return doc.getNumberOfPages();
        }
    }

    /**
     * Renders page {@code page} (1-based) of {@code pdf} at 100 dpi to {@code png} with pdftoppm
     * (Debian: poppler-utils, which .ci/run installs).
     */
    public static void render(Path pdf, int page, Path png) throws IOException, InterruptedException {
        String prefix = png.toString().replaceFirst("\\.png$", "");
        Process p = new ProcessBuilder("pdftoppm", "-png", "-r", "100", "-f", String.valueOf(page), "-l", String.valueOf(page),
                "-singlefile", pdf.toString(), prefix).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("pdftoppm failed on " + pdf + ": " + new String(p.getInputStream().readAllBytes()));
        }
        if (!Files.isRegularFile(png)) {
            throw new IOException("pdftoppm wrote no " + png);
        }
    }
}
