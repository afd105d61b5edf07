package io.tanhe.server.console;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class HtmlTest {
    @Test
    void markupFromTheStoreOrAUserIsEscaped() {
        assertEquals("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;", Html.esc("<script>alert('x')</script> & \""));
        assertEquals("", Html.esc(null));
    }

    @Test
    void chartJsonCannotCloseItsScriptElement() {
        String json = Charts.json(java.util.Map.of("name", "</script><script>alert(1)</script>"));
        assertFalse(json.contains("</script"), json);
    }

    @Test
    void missingFiguresAndChangesShowADash() {
        assertEquals("—", Html.num(null, 3));
        assertEquals("—", Html.change(null));
        assertEquals("1,234.568", Html.num(1234.5678, 3));
        assertEquals("+12.5 %", Html.change(12.5));
        assertEquals(null, Figures.change(5.0, 0.0), "no change against a zero base");
    }
}
