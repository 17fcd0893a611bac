package io.redoubt.backup;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The backups of one database at a destination, from the file names alone: each backup with its
 * files, complete when its manifest is there. Oldest first.
 */
public final class BackupCatalog {
    /** One backup's files; {@code complete} when its manifest is among them. */
    public record Entry(String backupId, Instant takenAt, boolean complete, List<StoredFile> files) {
    }

    private BackupCatalog() {
    }

    public static List<Entry> list(Destination destination, long databaseUid) throws IOException {
        Map<String, List<StoredFile>> byId = new TreeMap<>();
        for (StoredFile f : destination.list()) {
            BackupNames.backupOf(f.name(), databaseUid)
                    .ifPresent(id -> byId.computeIfAbsent(id, k -> new ArrayList<>()).add(f));
        }
        List<Entry> entries = new ArrayList<>();
        byId.forEach((id, files) -> entries.add(new Entry(id, BackupNames.takenAt(id).orElseThrow(),
                files.stream().anyMatch(f -> BackupNames.isManifest(f.name())), List.copyOf(files))));
        entries.sort(Comparator.comparing(Entry::takenAt).thenComparing(Entry::backupId));
        return entries;
    }

    /** The newest complete backup, the one an import without a named backup restores. */
    public static Optional<Entry> latestComplete(Destination destination, long databaseUid) throws IOException {
        List<Entry> all = list(destination, databaseUid);
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).complete()) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }
}
