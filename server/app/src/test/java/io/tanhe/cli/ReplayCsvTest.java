package io.tanhe.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** `tanhe replay --format csv` writes its fields as RFC 4180 says: a key of several members stays one field. */
class ReplayCsvTest {
    @Test
    void fieldsWithCommasQuotesOrLineBreaksAreQuotedAndTheirQuotesDoubled() {
        assertEquals("unit1", ReplayCommand.csv("unit1"));
        assertEquals("\"gt1,natural_gas\"", ReplayCommand.csv("gt1,natural_gas"));
        assertEquals("\"say \"\"hi\"\"\"", ReplayCommand.csv("say \"hi\""));
        assertEquals("\"two\nlines\"", ReplayCommand.csv("two\nlines"));
        assertEquals("\"cr\rhere\"", ReplayCommand.csv("cr\rhere"));
        assertEquals("", ReplayCommand.csv(""));
    }
}
