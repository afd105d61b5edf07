package io.tanhe.engine.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitParseErrorTest {

    private static UnitParseException failure(String text) {
        return assertThrows(UnitParseException.class, () -> Unit.parse(text));
    }

    @Test
    void unknownSymbolSuggestsTheCaseInsensitiveMatch() {
        UnitParseException e = failure("tCo2/GJ");
        assertEquals("unknown unit `tCo2` — did you mean `tCO2`?", e.detail());
        assertEquals("unknown unit `tCo2` — did you mean `tCO2`? (column 1 of `tCo2/GJ`)", e.getMessage());
        assertEquals(0, e.offset());
        assertEquals(Optional.of("tCO2"), e.suggestion());
    }

    @Test
    void unknownSymbolInTheDenominatorIsPositionedThere() {
        UnitParseException e = failure("GJ/nm3");
        assertEquals(3, e.offset());
        assertEquals(4, e.column());
        assertEquals(Optional.of("Nm3"), e.suggestion());
    }

    @Test
    void misspeltSymbolSuggestsTheNearestByEdits() {
        assertEquals(Optional.of("tCO2e"), failure("tCO2ee").suggestion());
        assertEquals(Optional.of("m3"), failure("m^3").suggestion());
    }

    @Test
    void farFromEverySymbolHasNoSuggestion() {
        UnitParseException e = failure("furlong");
        assertEquals("unknown unit `furlong`", e.detail());
        assertEquals(Optional.empty(), e.suggestion());
        assertEquals(Optional.empty(), UnitRegistry.suggest("x"));
    }

    @Test
    void substanceWrittenApartFromTheMassIsRejectedWithTheFix() {
        UnitParseException e = failure("kg CF4/t");
        assertEquals(3, e.offset());
        assertEquals("unknown unit `CF4` — a substance is part of the mass symbol: write `tCF4` or `kgCF4`", e.detail());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''          | 0 | expected a unit symbol, a number, `%` or `(` but found end of unit",
            "'   '       | 3 | expected a unit symbol, a number, `%` or `(` but found end of unit",
            "GJ/         | 3 | expected a unit symbol, a number, `%` or `(` but found end of unit",
            "(GJ/t       | 5 | expected `)` but found end of unit",
            "GJ/t)       | 4 | unbalanced `)`",
            "h^          | 2 | expected an integer exponent after `^` but found end of unit",
            "h^x         | 2 | expected an integer exponent after `^` but found `x`",
            "t^100       | 2 | exponent too large: at most 99",
            "0 t         | 0 | a unit factor must be positive, not 0",
            "°C          | 0 | expected a unit symbol, a number, `%` or `(` but found `°` — write temperature differences as `degC`",
            "m³          | 0 | `m` is a length (for velocities, m/s): write `m3` for a volume",
            "t×h         | 1 | expected `/`, `*`, `·` or end of unit but found `×`",
            "GJ//t       | 3 | expected a unit symbol, a number, `%` or `(` but found `/`",
            "t ^2        | 2 | expected `/`, `*`, `·` or end of unit but found `^`",
            "GJ/t,       | 4 | expected `/`, `*`, `·` or end of unit but found `,`",
    })
    void malformedUnitTextSaysWhereAndWhatWasExpected(String text, int offset, String detail) {
        UnitParseException e = failure(text);
        assertEquals(detail, e.detail());
        assertEquals(offset, e.offset());
        assertTrue(e.getMessage().contains("column " + (offset + 1)), e.getMessage());
    }
}
