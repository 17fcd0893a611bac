package io.redoubt.it.strings;

import io.redoubt.testkit.RespClient;

/**
 * Deletes named keys on both servers before a test: FLUSHALL may not exist yet in a branch's
 * Redoubt, so DifferentialTest's reset alone does not empty it.
 */
public final class KeyReset {
    private KeyReset() {
    }

    public static void deleteOnBoth(RespClient redis, RespClient redoubt, String... keys) {
        redis.call(command(keys));
        redoubt.call(command(keys));
    }

    private static String[] command(String... keys) {
        String[] argv = new String[keys.length + 1];
        argv[0] = "DEL";
        System.arraycopy(keys, 0, argv, 1, keys.length);
        return argv;
    }
}
