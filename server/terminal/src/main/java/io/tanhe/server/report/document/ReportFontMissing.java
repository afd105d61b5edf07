package io.tanhe.server.report.document;

/**
 * No font with Chinese glyphs can be found or read, so no PDF can be rendered. A fault of the
 * installation, not of the request: the message names the places looked at and what to install.
 */
public final class ReportFontMissing extends IllegalStateException {

    ReportFontMissing(String message) {
        super(message);
    }
}
