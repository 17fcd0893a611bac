package io.redoubt.cluster.api;

/** When the append-only file is synced (RE bdb `aof_policy`). */
public enum AofPolicy implements ReNamed {
    APPENDFSYNC_EVERY_SEC("appendfsync-every-sec"),
    APPENDFSYNC_ALWAYS("appendfsync-always");

    private final String reName;

    AofPolicy(String reName) {
        this.reName = reName;
    }

    @Override
    public String reName() {
        return reName;
    }

    /** The value RE spells {@code name}. */
    public static AofPolicy of(String name) {
        return ReNamed.parse(AofPolicy.class, name);
    }
}
