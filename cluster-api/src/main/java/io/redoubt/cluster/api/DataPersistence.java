package io.redoubt.cluster.api;

/** How a database persists (RE bdb `data_persistence`): nothing, an append-only file, or periodic snapshots. */
public enum DataPersistence implements ReNamed {
    DISABLED("disabled"),
    AOF("aof"),
    SNAPSHOT("snapshot");

    private final String reName;

    DataPersistence(String reName) {
        this.reName = reName;
    }

    @Override
    public String reName() {
        return reName;
    }

    /** The value RE spells {@code name}. */
    public static DataPersistence of(String name) {
        return ReNamed.parse(DataPersistence.class, name);
    }
}
