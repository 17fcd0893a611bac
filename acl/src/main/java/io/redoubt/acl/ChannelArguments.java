package io.redoubt.acl;

import io.redoubt.engine.command.CommandSpec;
import java.util.function.IntConsumer;

/**
 * Where the pub/sub commands that need channel permission carry their channels, as Redis 7.0's
 * getChannelsFromCommand says: PUBLISH and SPUBLISH one channel, SUBSCRIBE and SSUBSCRIBE every
 * argument, PSUBSCRIBE every argument as a pattern. Unsubscribing needs no permission.
 */
final class ChannelArguments {
    private ChannelArguments() {
    }

    /** Whether {@code spec} names channels at all. */
    static boolean has(CommandSpec spec) {
        return kind(spec) != 0;
    }

    /** Whether the channels of {@code spec} are patterns (PSUBSCRIBE). */
    static boolean patterns(CommandSpec spec) {
        return kind(spec) == 3;
    }

    /** Calls {@code index} with each channel argument's position. */
    static void channels(CommandSpec spec, byte[][] argv, IntConsumer index) {
        int k = kind(spec);
        if (k == 1) {
            if (argv.length > 1) {
                index.accept(1);
            }
        } else if (k != 0) {
            for (int i = 1; i < argv.length; i++) {
                index.accept(i);
            }
        }
    }

    private static int kind(CommandSpec spec) {
        return switch (spec.fullName()) {
            case "publish", "spublish" -> 1;
            case "subscribe", "ssubscribe" -> 2;
            case "psubscribe" -> 3;
            default -> 0;
        };
    }
}
