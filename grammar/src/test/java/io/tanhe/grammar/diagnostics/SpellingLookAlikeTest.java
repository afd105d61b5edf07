package io.tanhe.grammar.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A "did you mean" that prints the same as what was typed names the look-alike letters by code point. */
class SpellingLookAlikeTest {

    @Test
    void aCyrillicLetterInTheDeclaredNameIsNamedInTheHint() {
        assertEquals("did you mean `\u0440ower`? `power` has U+0070 LATIN SMALL LETTER P where `\u0440ower` has "
                        + "U+0440 CYRILLIC SMALL LETTER ER (a look-alike letter of another script)",
                Spelling.hint("power", List.of("\u0440ower", "flow")));
    }

    @Test
    void aCyrillicLetterInTheTypedNameIsNamedInTheHint() {
        assertEquals("did you mean `power`? `\u0440ower` has U+0440 CYRILLIC SMALL LETTER ER where `power` has "
                        + "U+0070 LATIN SMALL LETTER P (a look-alike letter of another script)",
                Spelling.hint("\u0440ower", List.of("power")));
    }

    @Test
    void anOrdinaryTypoOrAChineseNameGetsThePlainHint() {
        assertEquals("did you mean `burned`?", Spelling.hint("burnd", List.of("burned")));
        assertEquals("did you mean `燃料`?", Spelling.hint("燃煤", List.of("燃料")));
    }
}
