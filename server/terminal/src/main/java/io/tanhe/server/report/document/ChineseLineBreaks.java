package io.tanhe.server.report.document;

import com.lowagie.text.Chunk;
import com.lowagie.text.Element;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.DefaultSplitCharacter;
import com.lowagie.text.pdf.PdfChunk;

/**
 * Where a line of the PDF may break, by the usual Chinese rule (避头尾, GB/T 15834 and the W3C's Requirements for Chinese
 * Text Layout): no line starts with closing punctuation ({@code ）】」。，、；：！？}…) and none ends with opening
 * punctuation ({@code （【「“}…). OpenPDF breaks after any Chinese character, so a long title such as
 * {@code 单位发电量二氧化碳排放（全厂排放量/发电量）} in a narrow column left its {@code ）} alone on the next line; here
 * the break moves one character earlier and the last character goes down with the bracket.
 */
final class ChineseLineBreaks extends DefaultSplitCharacter {
    static final ChineseLineBreaks INSTANCE = new ChineseLineBreaks();

    /** Characters a line must not start with: a break before them is refused. */
    static final String NO_LINE_START = "）)】]」』》〉〕〗〙〛}”’。，、；：！？…‥·%％.,;:!?";
    /** Characters a line must not end with: a break after them is refused. */
    static final String NO_LINE_END = "（(【[「『《〈〔〖〘〚{“‘";

    private ChineseLineBreaks() {
    }

    /** Makes every chunk of {@code phrase} (a cell's text, a paragraph) break by this rule; returns it. */
    static <P extends Phrase> P applyTo(P phrase) {
        for (Element e : phrase) {
            if (e instanceof Chunk chunk) {
                chunk.setSplitCharacter(INSTANCE);
            }
        }
        return phrase;
    }

    /** A break after {@code current}: refused before closing and after opening punctuation, else as OpenPDF allows. */
    @Override
    public boolean isSplitCharacter(int start, int current, int end, char[] cc, PdfChunk[] ck) {
        if (NO_LINE_END.indexOf(getCurrentCharacter(current, cc, ck)) >= 0) {
            return false;
        }
        if (current + 1 < end && NO_LINE_START.indexOf(getCurrentCharacter(current + 1, cc, ck)) >= 0) {
            return false;
        }
        return super.isSplitCharacter(start, current, end, cc, ck);
    }
}
