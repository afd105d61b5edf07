package io.tanhe.drivers.manual;

import io.tanhe.drivers.PolledDevice;
import io.tanhe.drivers.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A drop folder for import files: each poll imports every {@code .csv} and {@code .xlsx} file in
 * the inbox. A file is moved to {@code imported/} (next to it, its report {@code <name>.report.txt}
 * with the counts and every refused row) when the next poll starts or the device closes, i.e.
 * after its readings were handed on, so a crash in between imports it again rather than losing it.
 */
public final class InboxImportDevice implements PolledDevice {

    private static final Logger LOG = LoggerFactory.getLogger(InboxImportDevice.class);

    private final Path inbox;
    private final FileImporter importer;
    private final String id;
    private final List<ImportReport> pending = new ArrayList<>();
    private final Set<Path> unmovable = new HashSet<>();

    public InboxImportDevice(Path inbox, ImportSettings settings) {
        this.inbox = inbox;
        this.importer = new FileImporter(settings);
        this.id = settings.sourceId();
    }

    @Override
    public String id() {
        return id;
    }

    /** The folder imported files and their reports are moved to. */
    public Path importedFolder() {
        return inbox.resolve("imported");
    }

    @Override
    public synchronized List<Reading> poll(Instant scheduledAt) {
        fileAway();
        List<Reading> readings = new ArrayList<>();
        for (Path file : newFiles()) {
            ImportReport report = importer.importFile(file);
            pending.add(report);
            readings.addAll(report.readings());
        }
        return List.copyOf(readings);
    }

    private List<Path> newFiles() {
        if (!Files.isDirectory(inbox)) {
            LOG.warn("import {}: inbox {} does not exist", id, inbox);
            return List.of();
        }
        try (Stream<Path> files = Files.list(inbox)) {
            return files.filter(Files::isRegularFile).filter(FileImporter::accepts)
                    .filter(f -> !unmovable.contains(f)).sorted().toList();
        } catch (IOException e) {
            LOG.error("import {}: cannot list inbox {}: {}", id, inbox, e.getMessage());
            return List.of();
        }
    }

    /** A file that cannot be moved is not imported again while this device runs (no duplicates). */
    private void fileAway() {
        for (ImportReport report : pending) {
            Path file = report.file();
            try {
                Files.createDirectories(importedFolder());
                Files.writeString(importedFolder().resolve(file.getFileName() + ".report.txt"), report.text(), StandardCharsets.UTF_8);
                Files.move(file, importedFolder().resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                unmovable.add(file);
                LOG.error("import {}: cannot move {} to {}: {}; it stays in the inbox and is not imported again until restart",
                        id, file, importedFolder(), e.toString());
            }
        }
        pending.clear();
    }

    /** Files away the files of the last poll, whose readings have been handed on. */
    @Override
    public synchronized void close() {
        fileAway();
    }
}
