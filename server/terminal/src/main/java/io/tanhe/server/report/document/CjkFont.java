package io.tanhe.server.report.document;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A font file with Chinese glyphs for PDF reports and their charts. Reports are in Chinese and a PDF
 * must embed its font, so a report is refused (with what to install) rather than printed as boxes.
 * Looked up in order: the system property {@code tanhe.report.font}, the environment variable
 * {@code TANHE_REPORT_FONT}, then Debian's WenQuanYi Zen Hei and Noto CJK locations.
 *
 * @param file the TrueType/OpenType file or collection (.ttc: its first face is used)
 */
public record CjkFont(Path file) {
    /** Where Debian's fonts-wqy-zenhei, fonts-wqy-microhei and fonts-noto-cjk put their files. */
    static final List<Path> SYSTEM = List.of(
            Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
            Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
            Path.of("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
            Path.of("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"));

    /**
     * The font to use.
     *
     * @throws ReportFontMissing naming the places looked at and what to install
     */
    public static CjkFont find() {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(System.getProperty("tanhe.report.font")).filter(s -> !s.isBlank()).map(Path::of).ifPresent(candidates::add);
        Optional.ofNullable(System.getenv("TANHE_REPORT_FONT")).filter(s -> !s.isBlank()).map(Path::of).ifPresent(candidates::add);
        if (!candidates.isEmpty() && !Files.isReadable(candidates.get(0))) {
            throw new ReportFontMissing("the report font " + candidates.get(0) + " (tanhe.report.font / TANHE_REPORT_FONT)"
                    + " cannot be read; name a readable .ttf, .otf or .ttc with Chinese glyphs");
        }
        candidates.addAll(SYSTEM);
        return candidates.stream().filter(Files::isReadable).findFirst().map(CjkFont::new)
                .orElseThrow(() -> new ReportFontMissing("no font with Chinese glyphs for the PDF report: looked at "
                        + SYSTEM + "; install one (Debian: apt-get install fonts-wqy-zenhei, or fonts-noto-cjk) or name a"
                        + " .ttf/.otf/.ttc with -Dtanhe.report.font=FILE or TANHE_REPORT_FONT=FILE"));
    }

    /** The name OpenPDF opens it by: a collection's first face is {@code file,0}. */
    String pdfName() {
        String name = file.toAbsolutePath().toString();
        return name.toLowerCase(java.util.Locale.ROOT).endsWith(".ttc") ? name + ",0" : name;
    }

    /** The font as AWT draws it (charts), at {@code size} points. */
    Font awt(float size) {
        try {
            return Font.createFonts(file.toFile())[0].deriveFont(size);
        } catch (FontFormatException | IOException e) {
            throw new IllegalStateException("the report font " + file + " cannot be loaded for charts: " + e.getMessage(), e);
        }
    }
}
