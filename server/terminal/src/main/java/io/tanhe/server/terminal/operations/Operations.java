package io.tanhe.server.terminal.operations;

import io.tanhe.server.terminal.Terminal;

/**
 * The operator actions of one running terminal, as services the HTTP API and the web console call alike
 * (in process). Each takes the acting {@link io.tanhe.server.security.access.Actor}, checks its input
 * (refusing with {@link OperationRefused}, which names the field) and audits what it changed; whether the
 * actor may act at all is the caller's check against the permission table (the API's route access).
 */
public final class Operations {
    private final Terminal terminal;
    private final AlertActions alerts;
    private final ManualEntries manual;
    private final StoredExplain explain;
    private final PlantViews views;
    private final PollNow poll;
    private final Backfill backfill;
    private final Jobs jobs;
    private final QaEntries qa;

    private Operations(Terminal terminal) {
        this.terminal = terminal;
        this.alerts = new AlertActions(terminal.store().alerts(), terminal.audit(), terminal.wallClock(), terminal::acknowledgeInRules);
        this.manual = new ManualEntries(terminal::site, terminal.store().readings(), terminal.intake(), terminal.audit(),
                terminal.wallClock());
        this.explain = new StoredExplain(terminal::site, terminal.store());
        this.views = new PlantViews(terminal::site, terminal.store().readings(),
                () -> java.util.Optional.ofNullable(terminal.stats().watermark()), terminal::uplink);
        this.poll = new PollNow(terminal::site, terminal::acquisition, terminal.audit(), terminal.wallClock());
        this.backfill = new Backfill(terminal::uplink, () -> terminal.site().uplink().centres(), terminal.audit(), terminal.wallClock());
        this.jobs = new Jobs(terminal::site, terminal.store(), terminal.dataDir(), terminal::openWindowFrom,
                new RestoreJob(terminal.store(), terminal.site().store().settings(terminal.dataDir()), terminal.dataDir(), terminal.audit(),
                        terminal::requestRestart, terminal.wallClock()),
                terminal.audit(), terminal.wallClock());
        this.qa = new QaEntries(terminal::site, terminal.store().qa(), terminal::measurementJob,
                () -> terminal.store().readings().latestMeasuredAt(), terminal.audit(), terminal.wallClock());
    }

    /** The actions on {@code terminal}. */
    public static Operations of(Terminal terminal) {
        return new Operations(terminal);
    }

    public Terminal terminal() {
        return terminal;
    }

    /** List and acknowledge alerts. */
    public AlertActions alerts() {
        return alerts;
    }

    /** The derivation of stored figures, with their revisions. */
    public StoredExplain explain() {
        return explain;
    }

    /** Devices and points with their latest values; data centres. */
    public PlantViews views() {
        return views;
    }

    /** Acquisition on command (§9.1). */
    public PollNow poll() {
        return poll;
    }

    /** Manual backfill to data centres (§7.2.4 (5)). */
    public Backfill backfill() {
        return backfill;
    }

    /** Recompute, export, import and backup as jobs with progress. Close it before the store ({@link #close}). */
    public Jobs jobs() {
        return jobs;
    }

    /** Stops the job thread; call before the terminal closes its store. */
    public void close() {
        jobs.close();
    }

    /** Quality-assurance records of the CEMS entered by hand (docs/cems.md). */
    public QaEntries qa() {
        return qa;
    }

    /** Values entered by hand (§7.2.2). */
    public ManualEntries manualEntries() {
        return manual;
    }
}
