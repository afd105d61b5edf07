package io.tanhe.server.terminal.lifecycle;

import io.tanhe.server.site.Site;

import java.util.List;

/** What a site file change needs of the running terminal: the site it runs and the restart of the workers a change concerns. */
public interface LiveSite {

    /** The site as configured now. */
    Site site();

    /**
     * Restarts the acquisition of the devices and the uplink centres {@code change} names with their settings in
     * {@code candidate}, and makes {@code candidate}'s text, devices and centres the running site's; the other workers
     * keep running. On failure nothing of {@code candidate} runs and the running site stays, but the workers of the
     * change may be stopped: the caller restarts them with the previous settings.
     *
     * @return the workers restarted, e.g. {@code device coal-scale-1}, {@code centre prov-platform}
     */
    List<String> restart(Site candidate, SiteChange change);
}
