package io.redoubt.cluster.api;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * An enum whose values carry the string RE's REST API uses for them. Stored formats and the API use that
 * name, never the Java name or the ordinal, so reordering or renaming a constant changes nothing on disk.
 */
public interface ReNamed {
    /** The value as RE's REST API spells it, e.g. {@code "allkeys-lru"}. */
    String reName();

    /** The constant of {@code type} spelled {@code name} by RE; an unknown name is refused with the valid ones. */
    static <E extends Enum<E> & ReNamed> E parse(Class<E> type, String name) {
        for (E e : type.getEnumConstants()) {
            if (e.reName().equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown " + type.getSimpleName() + " '" + name + "': expected one of "
                + Arrays.stream(type.getEnumConstants()).map(ReNamed::reName).collect(Collectors.joining(", ")));
    }
}
