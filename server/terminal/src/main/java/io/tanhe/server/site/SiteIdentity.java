package io.tanhe.server.site;

/**
 * Who and where the terminal is.
 *
 * @param enterprise   the enterprise's registered name
 * @param enterpriseId its unified social credit code (or another registry id); may be empty
 * @param siteId       the site's id, short and stable (used in events and file names)
 * @param siteName     the site's name for people
 */
public record SiteIdentity(String enterprise, String enterpriseId, String siteId, String siteName) {
}
