package io.tanhe.server.report.document;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChineseLineBreaksTest {
    private static final String TITLE = "单位发电量二氧化碳排放（全厂排放量/发电量）";

    private static boolean breakAfter(String text, int index) {
        char[] cc = text.toCharArray();
        return ChineseLineBreaks.INSTANCE.isSplitCharacter(0, index, cc.length, cc, null);
    }

    @Test
    void noBreakBeforeClosingPunctuation() {
        int lastCharacter = TITLE.length() - 2; // 量, followed by ）
        assertFalse(breakAfter(TITLE, lastCharacter), "） would start a line");
        assertTrue(breakAfter(TITLE, lastCharacter - 1), "the break moves one character earlier: 量） goes down together");
        assertFalse(breakAfter("排放，强度", 1), "， would start a line");
        assertFalse(breakAfter("合计。下", 1), "。 would start a line");
    }

    @Test
    void noBreakAfterOpeningPunctuation() {
        assertFalse(breakAfter(TITLE, TITLE.indexOf('（')), "a line would end with （");
        assertFalse(breakAfter("见【附表】", 1), "a line would end with 【");
    }

    @Test
    void elsewhereChineseBreaksAsBeforeAndLatinTextAtSpacesOnly() {
        assertTrue(breakAfter(TITLE, 0), "between two Chinese characters");
        assertTrue(breakAfter("coal burned", 4), "after a space");
        assertFalse(breakAfter("coal burned", 1), "inside a word");
    }

    @Test
    void aLongTitleInANarrowColumnKeepsItsClosingBracketWithTheTextBeforeIt() throws Exception {
        Block.Table table = new Block.Table("", List.of(new Block.Column("指标", "", 1f), new Block.Column("数值", "", 4f)),
                List.of(List.of(new Block.Text(TITLE), new Block.Number(0.8123, 4, false))));
        ReportDocument doc = new ReportDocument("测试", "换行", List.of(new Section("排放总量与强度", "totals", List.of(table))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PdfRenderer(CjkFont.find()).write(doc, out);

        List<String> lines = new ArrayList<>();
        for (String line : PdfPages.text(out.toByteArray()).split("\\R")) {
            lines.add(line.strip());
        }
        List<String> titleLines = lines.stream().filter(l -> !l.isEmpty() && TITLE.contains(l.split(" ")[0])).toList();
        assertTrue(titleLines.size() > 1, "the column is narrow enough that the title wraps: " + lines);
        assertEquals(TITLE, String.join("", titleLines.stream().map(l -> l.split(" ")[0]).toList()), "the title, whole: " + lines);
        for (String line : lines.stream().filter(l -> !l.isEmpty()).toList()) {
            char first = line.charAt(0);
            char last = line.charAt(line.length() - 1);
            assertFalse(ChineseLineBreaks.NO_LINE_START.indexOf(first) >= 0, "a line starts with `" + first + "`: " + lines);
            assertFalse(ChineseLineBreaks.NO_LINE_END.indexOf(last) >= 0, "a line ends with `" + last + "`: " + lines);
        }
        Path sample = Path.of("target", "report-samples", "line-breaks.pdf");
        Files.createDirectories(sample.getParent());
        Files.write(sample, out.toByteArray());
        PdfPages.render(sample, 1, sample.resolveSibling("line-breaks-page1.png"));
    }
}
