package io.redoubt.dataplane.router;

import io.redoubt.dataplane.ShardFanOut;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.engine.exec.CommandResolution;
import io.redoubt.engine.keyspace.HashSlot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides, for one client, where each request goes. Keys come from the command table's key specs and
 * slots from {@link HashSlot}; shard i owns the i-th equal range of the 16384 slots. What a request
 * does to the client's connection (SELECT, AUTH, HELLO, CLIENT SETNAME, subscriptions, MULTI) goes to
 * every shard, so each shard link stays in the same state. A transaction runs on one shard: the first
 * shard a queued or watched key names; a key on another shard gets CROSSSLOT and dooms it.
 */
final class RoutePlanner {
    static final String CROSSSLOT = "CROSSSLOT Keys in request don't hash to the same slot";
    static final String EXECABORT = "EXECABORT Transaction discarded because of previous errors.";
    private static final Set<String> SPLITTABLE = Set.of("mget", "mset", "del", "unlink", "exists", "touch");

    private final CommandTable table;
    private final CommandResolution.Resolver resolver;
    private final CommandSpec reset;
    private final int shardCount;
    private final Set<String> channels = new HashSet<>();
    private final Set<String> patterns = new HashSet<>();
    private boolean inMulti;
    private boolean doomed;
    private int pinned = -1;      // the shard the open transaction (or its WATCHes) runs on
    // the last request resolved and its keys: the connection asks singleShardOf, then plan, of the same one
    private final KeyPositions keys = new KeyPositions();
    private byte[][] resolvedArgv;
    private CommandResolution resolved;

    /** @param resolver the database's (shared by its clients: it holds no state of a client's) */
    RoutePlanner(CommandTable table, CommandResolution.Resolver resolver, int shardCount) {
        this.table = table;
        this.resolver = resolver;
        this.reset = table.lookup("reset");
        this.shardCount = shardCount;
    }

    /** Whether the client holds subscriptions (its links may then send messages unasked). */
    boolean subscribed() {
        return !channels.isEmpty() || !patterns.isEmpty();
    }

    int shardOf(byte[] key) {
        return HashSlot.of(key) * shardCount / HashSlot.SLOTS;
    }

    /** Whether {@code argv} is RESET, which takes authentication away (no allocation: routed per request). */
    boolean resets(byte[][] argv) {
        return table.lookup(argv[0]) == reset;
    }

    /**
     * The one shard {@code argv} would go to, or -1 when it would go to several or to none; changes
     * nothing (the connection asks before deciding whether a request must wait).
     */
    int singleShardOf(byte[][] argv) {
        CommandResolution resolved = resolve(argv);
        if (!resolved.runnable()) {
            return inMulti && pinned >= 0 ? pinned : 0;
        }
        CommandSpec spec = resolved.spec();
        String name = spec.fullName();
        if (name.equals("exec") || ShardFanOut.connectionState(name)) {
            return -1;
        }
        if (inMulti && !name.equals("watch")) {
            if (pinned >= 0) {
                return pinned;
            }
            return keys.isEmpty() ? 0 : shardOf(argv[keys.get(0)]);
        }
        if (keys.isEmpty()) {
            return ShardFanOut.keylessToEveryShard(spec) || name.equals("scan") ? -1 : 0;
        }
        return oneShardOfKeys(argv);
    }

    /** The shard every key of the resolved request is on, or -1 when they are on several. */
    private int oneShardOfKeys(byte[][] argv) {
        int shard = shardOf(argv[keys.get(0)]);
        for (int i = 1; i < keys.count(); i++) {
            if (shardOf(argv[keys.get(i)]) != shard) {
                return -1;
            }
        }
        return shard;
    }

    /**
     * Resolves {@code argv} and collects its keys' positions, once per request: a second call for the
     * same request (singleShardOf, then plan) reuses the first one's work.
     */
    private CommandResolution resolve(byte[][] argv) {
        if (argv != resolvedArgv) {
            resolved = resolver.resolve(argv);
            keys.clear();
            if (resolved.runnable()) {
                resolved.spec().keys(argv, keys);
            }
            resolvedArgv = argv;
        }
        return resolved;
    }

    Plan plan(byte[][] argv) {
        CommandResolution resolved = resolve(argv);
        resolvedArgv = null; // planning may change the client's state: the next question resolves afresh
        if (!resolved.runnable()) {
            return Plan.one(inMulti && pinned >= 0 ? pinned : 0, argv); // shard 0 words the error as Redis does
        }
        CommandSpec spec = resolved.spec();
        String name = spec.fullName();
        if (name.equals("exec")) {
            return exec(argv);
        }
        if (inMulti && !name.equals("multi") && !name.equals("discard") && !name.equals("watch")
                && !name.equals("reset")) { // RESET is never queued: it ends the transaction at once
            return queued(spec, argv);
        }
        if (name.equals("watch")) {
            return watch(spec, argv);
        }
        if (ShardFanOut.connectionState(name)) {
            return broadcast(name, argv);
        }
        if (!keys.isEmpty()) {
            return keyed(name, argv);
        }
        return keyless(spec, argv);
    }

    private Plan broadcast(String name, byte[][] argv) {
        int frames = 1;
        switch (name) {
            case "multi" -> {
                if (!inMulti) {
                    inMulti = true;
                    doomed = false;
                }
            }
            case "discard", "reset" -> {
                inMulti = false;
                pinned = -1;
                if (name.equals("reset")) {
                    channels.clear();
                    patterns.clear();
                }
            }
            case "unwatch" -> pinned = inMulti ? pinned : -1;
            case "subscribe", "psubscribe" -> {
                Set<String> set = name.equals("subscribe") ? channels : patterns;
                for (int i = 1; i < argv.length; i++) {
                    set.add(new String(argv[i], StandardCharsets.ISO_8859_1));
                }
                frames = argv.length - 1;
            }
            case "unsubscribe", "punsubscribe" -> {
                Set<String> set = name.equals("unsubscribe") ? channels : patterns;
                if (argv.length == 1) {
                    frames = Math.max(1, set.size());
                    set.clear();
                } else {
                    for (int i = 1; i < argv.length; i++) {
                        set.remove(new String(argv[i], StandardCharsets.ISO_8859_1));
                    }
                    frames = argv.length - 1;
                }
            }
            default -> { }
        }
        return Plan.all(shardCount, argv, Merge.ALL_SUCCEEDED, frames);
    }

    private Plan keyed(String name, byte[][] argv) {
        int shard = oneShardOfKeys(argv);
        if (shard >= 0) {
            return Plan.one(shard, argv);
        }
        if (!SPLITTABLE.contains(name)) {
            return Plan.error(CROSSSLOT);
        }
        return split(name, argv);
    }

    /** MGET, MSET, DEL, ... over several shards: each shard gets the keys it owns, in their order. */
    private Plan split(String name, byte[][] argv) {
        int pairs = name.equals("mset") ? 2 : 1;
        List<List<byte[]>> perShard = new ArrayList<>();
        for (int i = 0; i < shardCount; i++) {
            perShard.add(new ArrayList<>(List.of(argv[0])));
        }
        int[][] positions = new int[keys.count()][];
        for (int n = 0; n < keys.count(); n++) {
            int k = keys.get(n);
            int shard = shardOf(argv[k]);
            List<byte[]> args = perShard.get(shard);
            positions[n] = new int[] {shard, (args.size() - 1) / pairs};
            args.addAll(Arrays.asList(argv).subList(k, k + pairs));
        }
        List<Integer> used = new ArrayList<>();
        List<byte[][]> argvs = new ArrayList<>();
        for (int i = 0; i < shardCount; i++) {
            if (perShard.get(i).size() > 1) {
                used.add(i);
                argvs.add(perShard.get(i).toArray(new byte[0][]));
            }
        }
        // positions name shards by number; MGET's merge finds each shard's reply by that number
        Merge merge = switch (name) {
            case "mget" -> Merge.MGET;
            case "mset" -> Merge.ALL_SUCCEEDED;
            default -> Merge.SUM;
        };
        return new Plan(used.stream().mapToInt(Integer::intValue).toArray(), argvs.toArray(new byte[0][][]),
                merge, 1, positions, 0, 0, null);
    }

    private Plan keyless(CommandSpec spec, byte[][] argv) {
        String name = spec.fullName();
        if (name.equals("scan")) {
            return scan(argv);
        }
        if (!ShardFanOut.keylessToEveryShard(spec)) {
            return Plan.one(0, argv); // MEMORY STATS, LATENCY DOCTOR ...: the first shard speaks
        }
        return switch (name) {
            case "info" -> Plan.all(shardCount, argv, Merge.INFO, 1); // the database's figures, not one shard's
            case "slowlog|get" -> slowlogGet(argv);
            case "randomkey" -> Plan.all(shardCount, argv, Merge.ANY_NON_NULL, 1);
            case "keys" -> Plan.all(shardCount, argv, Merge.CONCAT, 1);
            default -> Plan.all(shardCount, argv,
                    spec.tips().contains("response_policy:agg_sum") ? Merge.SUM : Merge.ALL_SUCCEEDED, 1);
        };
    }

    /** SLOWLOG GET [count]: every shard's newest entries, merged (a bad count: the first shard's error). */
    private Plan slowlogGet(byte[][] argv) {
        long count = 10;
        if (argv.length == 3) {
            try {
                count = Long.parseLong(new String(argv[2], StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                return Plan.one(0, argv);
            }
        }
        if (argv.length > 3 || count < -1) {
            return Plan.one(0, argv);
        }
        Plan all = Plan.all(shardCount, argv, Merge.SLOWLOG, 1);
        int pick = count == -1 || count > Integer.MAX_VALUE ? -1 : (int) count;
        return new Plan(all.shards(), all.argvs(), Merge.SLOWLOG, 1, null, pick, 0, null);
    }

    /**
     * SCAN's cursor names the shard too: cursor = shard cursor x shards + shard. Shard 0's cursor 0 is
     * the start; when a shard's scan ends the next cursor is the next shard's start.
     */
    private Plan scan(byte[][] argv) {
        long cursor;
        try {
            cursor = Long.parseUnsignedLong(new String(argv[1], StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return Plan.one(0, argv); // shard 0 gives Redis's "invalid cursor"
        }
        long shard = Long.remainderUnsigned(cursor, shardCount);
        long inner = Long.divideUnsigned(cursor, shardCount);
        byte[][] copy = argv.clone();
        copy[1] = Long.toUnsignedString(inner).getBytes(StandardCharsets.US_ASCII);
        // pick carries the shard count, which SCAN's merge needs to build the next cursor
        return new Plan(new int[] {(int) shard}, new byte[][][] {copy}, Merge.SCAN, 1, null, shardCount, shard, null);
    }

    private Plan watch(CommandSpec spec, byte[][] argv) {
        if (inMulti) {
            return Plan.one(pinned >= 0 ? pinned : 0, argv); // the shard refuses WATCH inside MULTI
        }
        int shard = shardOf(argv[keys.get(0)]);
        for (int i = 0; i < keys.count(); i++) {
            if (shardOf(argv[keys.get(i)]) != shard || (pinned >= 0 && pinned != shard)) {
                return Plan.error(CROSSSLOT);
            }
        }
        pinned = shard;
        return Plan.one(shard, argv);
    }

    private Plan queued(CommandSpec spec, byte[][] argv) {
        for (int i = 0; i < keys.count(); i++) {
            int shard = shardOf(argv[keys.get(i)]);
            if (pinned < 0) {
                pinned = shard;
            } else if (shard != pinned) {
                doomed = true;
                return Plan.error(CROSSSLOT);
            }
        }
        if (pinned < 0) {
            pinned = 0; // a keyless command first: the transaction runs on the first shard
        }
        return Plan.one(pinned, argv);
    }

    /** EXEC on the transaction's shard, DISCARD on the others (they queued nothing). */
    private Plan exec(byte[][] argv) {
        if (!inMulti) {
            return Plan.one(0, argv); // "EXEC without MULTI"
        }
        int shard = pinned >= 0 ? pinned : 0;
        boolean abort = doomed;
        inMulti = false;
        doomed = false;
        pinned = -1;
        byte[][] discard = {"DISCARD".getBytes(StandardCharsets.US_ASCII)};
        int[] shards = new int[shardCount];
        byte[][][] argvs = new byte[shardCount][][];
        for (int i = 0; i < shardCount; i++) {
            shards[i] = i;
            argvs[i] = i == shard && !abort ? argv : discard;
        }
        if (abort) {
            return new Plan(shards, argvs, Merge.PICK, 1, null, -1, 0, null); // pick -1: EXECABORT
        }
        return new Plan(shards, argvs, Merge.PICK, 1, null, shard, 0, null);
    }
}
