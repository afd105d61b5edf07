package io.tanhe.server.evaluation;

import io.tanhe.engine.time.Grain;
import io.tanhe.engine.time.TimeBucket;
import io.tanhe.server.site.Site;
import io.tanhe.server.site.SiteFiles;
import io.tanhe.server.store.jdbc.JdbcStore;
import io.tanhe.server.store.jdbc.StoreSettings;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The child JVM of {@link LargeSiteRollUpTest}: {@code SITE_FILE DATA_DIR} rolls up March 2026 of the stored days in a
 * heap of {@link #HEAP} and prints {@code written <figures>}; an {@code OutOfMemoryError} ends it with a non-zero status.
 */
public final class LargeSiteRollUpChild {
    /** The child's heap: less than the month's 310,031 parts take as objects. */
    static final String HEAP = "40m";

    private LargeSiteRollUpChild() {
    }

    public static void main(String[] args) throws Exception {
        try (Site site = SiteFiles.load(Path.of(args[0])); JdbcStore store = JdbcStore.open(StoreSettings.at(Path.of(args[1])))) {
            TimeBucket march = TimeBucket.of(Grain.MONTH, LargeSiteRollUpTest.MARCH, site.zone());
            int written = new CalendarRollUp(site, store.results(), store.readings(), Clock.systemUTC()).bucket(march, "test");
            System.out.println("written " + written);
        }
    }
}
