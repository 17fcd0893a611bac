package io.redoubt.engine.hyperloglog;

import static io.redoubt.engine.command.CommandFlag.ADMIN;
import static io.redoubt.engine.command.CommandFlag.DENYOOM;
import static io.redoubt.engine.command.CommandFlag.FAST;
import static io.redoubt.engine.command.CommandFlag.READONLY;
import static io.redoubt.engine.command.CommandFlag.WRITE;
import static io.redoubt.engine.command.KeySpec.Flag.ACCESS;
import static io.redoubt.engine.command.KeySpec.Flag.INSERT;
import static io.redoubt.engine.command.KeySpec.Flag.RO;
import static io.redoubt.engine.command.KeySpec.Flag.RW;

import io.redoubt.engine.command.AclCategory;
import io.redoubt.engine.command.Args;
import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.CommandException;
import io.redoubt.engine.command.CommandFlag;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.engine.command.KeySpec;
import io.redoubt.engine.keyspace.Keyspace;
import io.redoubt.engine.keyspace.Entry;
import io.redoubt.engine.keyspace.EventClass;
import io.redoubt.resp.Errors;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * PFADD PFCOUNT PFMERGE PFDEBUG PFSELFTEST over string values in Redis's HyperLogLog layout (see
 * {@link HyperLogLog}). Values are never changed in place: each change stores a fresh array, marked
 * raw as Redis's unshared strings are.
 */
public final class HyperLogLogCommands {
    /** Redis's default hll-sparse-max-bytes. */
    public static final int DEFAULT_SPARSE_MAX_BYTES = 3000;
    private static final String GROUP = "hyperloglog";
    private static final String NOT_HLL = "WRONGTYPE Key is not a valid HyperLogLog string value.";
    private static final String INVALID = "INVALIDOBJ Corrupted HLL object detected";

    private final LongSupplier sparseMaxBytes;

    /** With Redis's default hll-sparse-max-bytes (3000). */
    public HyperLogLogCommands() {
        this(() -> DEFAULT_SPARSE_MAX_BYTES);
    }

    /**
     * {@code sparseMaxBytes} gives the current hll-sparse-max-bytes (read at each command, so CONFIG
     * SET applies at once): the size past which a sparse HLL turns dense.
     */
    public HyperLogLogCommands(LongSupplier sparseMaxBytes) {
        this.sparseMaxBytes = sparseMaxBytes;
    }

    public void register(CommandTable.Builder t) {
        t.add(spec("pfadd", -2, "Adds the specified elements to the specified HyperLogLog.",
                "O(1) to add every element.").flags(WRITE, DENYOOM, FAST)
                .args("key:key#0 element:string?*")
                .key(KeySpec.single(1, RW, INSERT)).handler(this::pfadd));
        t.add(spec("pfcount", -2,
                "Return the approximated cardinality of the set(s) observed by the HyperLogLog at key(s).",
                "O(1) with a very small average constant time when called with a single key. O(N) with N being the "
                        + "number of keys, and much bigger constant times, when called with multiple keys.")
                .args("key:key#0*")
                .flags(READONLY, CommandFlag.MAY_REPLICATE).key(KeySpec.range(1, -1, 1, RW, ACCESS).notes("RW because it may change the "
                        + "internal representation of the key, and propagate to replicas")).handler(this::pfcount));
        t.add(spec("pfmerge", -2, "Merge N different HyperLogLogs into a single one.",
                "O(N) to merge N HyperLogLogs, but with high constant times.").flags(WRITE, DENYOOM)
                .args("destkey:key#0 sourcekey:key#1*")
                .key(KeySpec.single(1, RW, ACCESS, INSERT)).key(KeySpec.range(2, -1, 1, RO, ACCESS))
                .handler(this::pfmerge));
        t.add(spec("pfdebug", 3, "Internal commands for debugging HyperLogLog values", "N/A")
                .args("subcommand:string key:key#0")
                .docFlags("syscmd")
                .flags(WRITE, DENYOOM, ADMIN).key(KeySpec.single(2, RW, ACCESS)).handler(this::pfdebug));
        t.add(spec("pfselftest", 1, "An internal command for testing HyperLogLog values", "N/A")
                .docFlags("syscmd")
                .flags(ADMIN).handler(this::pfselftest));
    }

    private int sparseLimit() {
        return (int) Math.min(Integer.MAX_VALUE, sparseMaxBytes.getAsLong());
    }

    private static CommandSpec.Builder spec(String name, int arity, String summary, String complexity) {
        return CommandSpec.builder(name, arity).acl(AclCategory.HYPERLOGLOG).group(GROUP).since("2.8.9")
                .summary(summary).complexity(complexity);
    }

    /** The HLL bytes at an entry: WRONGTYPE for other types and for strings that are not HLLs. */
    private static byte[] hllValue(Entry e) {
        if (!(e.value() instanceof byte[] v)) {
            throw new CommandException(Errors.WRONGTYPE);
        }
        if (!HyperLogLog.isValid(v)) {
            throw new CommandException(NOT_HLL);
        }
        return v;
    }

    private static void store(Keyspace db, Entry e, HyperLogLog hll) {
        db.update(e, hll.bytes());
        e.markRaw(true);
    }

    private void pfadd(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        Keyspace db = ctx.db();
        Entry e = db.lookupWrite(argv[1]);
        long mark = db.changeMark();
        boolean updated = false;
        long changes = 0; // Redis counts the creation and each register changed
        int maxBytes = sparseLimit();
        HyperLogLog hll;
        if (e == null) {
            hll = HyperLogLog.create();
            updated = true;
            changes++;
        } else {
            hll = HyperLogLog.of(hllValue(e));
            e.markRaw(true);
        }
        for (int j = 2; j < argv.length; j++) {
            int r = hll.add(argv[j], maxBytes);
            if (r == -1) {
                throw new CommandException(INVALID);
            }
            updated |= r == 1;
            changes += r;
        }
        if (updated) {
            hll.invalidateCache();
            if (e == null) {
                db.add(argv[1], hll.bytes()).markRaw(true);
            } else {
                store(db, e, hll);
            }
            db.countChangesSince(mark, changes);
            db.notify(EventClass.STRING, "pfadd", argv[1]);
        }
        ctx.reply().integer(updated ? 1 : 0);
    }

    private void pfcount(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        Keyspace db = ctx.db();
        boolean touch = !ctx.client().noTouch();
        if (argv.length > 2) {
            int[] max = new int[HyperLogLog.REGISTERS];
            for (int j = 1; j < argv.length; j++) {
                Entry e = db.lookupRead(argv[j], touch);
                if (e == null) {
                    continue;
                }
                if (!HyperLogLog.mergeInto(max, hllValue(e))) {
                    throw new CommandException(INVALID);
                }
            }
            ctx.reply().integer(HyperLogLog.count(HyperLogLog.histogramOfRegisters(max)));
            return;
        }
        Entry e = db.lookupRead(argv[1], touch);
        if (e == null) {
            ctx.reply().integer(0);
            return;
        }
        HyperLogLog hll = HyperLogLog.of(hllValue(e));
        e.markRaw(true);
        long card;
        if (hll.validCache()) {
            card = hll.cachedCardinality();
        } else {
            int[] histo = hll.histogram();
            if (histo == null) {
                throw new CommandException(INVALID);
            }
            card = HyperLogLog.count(histo);
            hll.cacheCardinality(card);
            store(db, e, hll);
        }
        ctx.reply().integer(card);
    }

    private void pfmerge(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        Keyspace db = ctx.db();
        boolean touch = !ctx.client().noTouch();
        int[] max = new int[HyperLogLog.REGISTERS];
        boolean useDense = false;
        for (int j = 1; j < argv.length; j++) {
            Entry e = db.lookupRead(argv[j], touch);
            if (e == null) {
                continue;
            }
            byte[] v = hllValue(e);
            if (v[4] == HyperLogLog.DENSE) {
                useDense = true;
            }
            if (!HyperLogLog.mergeInto(max, v)) {
                throw new CommandException(INVALID);
            }
        }
        Entry dest = db.lookupWrite(argv[1]);
        HyperLogLog hll = dest == null ? HyperLogLog.create() : HyperLogLog.of((byte[]) dest.value());
        if (useDense && !hll.toDense()) {
            throw new CommandException(INVALID);
        }
        int maxBytes = sparseLimit();
        for (int j = 0; j < HyperLogLog.REGISTERS; j++) {
            if (max[j] != 0) {
                hll.set(j, max[j], maxBytes);
            }
        }
        hll.invalidateCache();
        if (dest == null) {
            db.add(argv[1], hll.bytes()).markRaw(true);
        } else {
            store(db, dest, hll);
        }
        db.notify(EventClass.STRING, "pfadd", argv[1]);
        ctx.reply().ok();
    }

    private void pfdebug(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        Keyspace db = ctx.db();
        Entry e = db.lookupWrite(argv[2]);
        if (e == null) {
            throw new CommandException("ERR The specified key does not exist");
        }
        HyperLogLog hll = HyperLogLog.of(hllValue(e));
        e.markRaw(true);
        byte[] sub = argv[1];
        if (Args.is(sub, "GETREG")) {
            if (hll.encoding() == HyperLogLog.SPARSE) {
                if (!hll.toDense()) {
                    throw new CommandException(INVALID);
                }
                store(db, e, hll);
            }
            ctx.reply().array(HyperLogLog.REGISTERS);
            for (int j = 0; j < HyperLogLog.REGISTERS; j++) {
                ctx.reply().integer(hll.denseRegister(j));
            }
        } else if (Args.is(sub, "DECODE")) {
            if (hll.encoding() != HyperLogLog.SPARSE) {
                throw new CommandException("ERR HLL encoding is not sparse");
            }
            ctx.reply().bulk(hll.decode());
        } else if (Args.is(sub, "ENCODING")) {
            ctx.reply().simple(hll.encoding() == HyperLogLog.DENSE ? "dense" : "sparse");
        } else if (Args.is(sub, "TODENSE")) {
            boolean converted = false;
            if (hll.encoding() == HyperLogLog.SPARSE) {
                if (!hll.toDense()) {
                    throw new CommandException(INVALID);
                }
                store(db, e, hll);
                converted = true;
            }
            ctx.reply().integer(converted ? 1 : 0);
        } else {
            throw new CommandException("ERR Unknown PFDEBUG subcommand '" + Args.text(sub) + "'");
        }
    }

    /**
     * Checks the register layout and that sparse and dense forms agree on the same additions, as
     * Redis's self test does; replies OK or a TESTFAILED error.
     */
    private void pfselftest(CommandContext ctx) {
        Random random = new Random(1);
        byte[] dense = new byte[HyperLogLog.DENSE_SIZE];
        int[] expected = new int[HyperLogLog.REGISTERS];
        HyperLogLog denseHll = HyperLogLog.of(HyperLogLog.create().bytes());
        denseHll.toDense();
        for (int j = 0; j < HyperLogLog.REGISTERS; j++) {
            expected[j] = random.nextInt(HyperLogLog.REGISTER_MAX + 1);
            denseHll.set(j, expected[j], Integer.MAX_VALUE);
        }
        for (int j = 0; j < HyperLogLog.REGISTERS; j++) {
            if (denseHll.denseRegister(j) != expected[j]) {
                throw new CommandException("TESTFAILED Register error at index " + j);
            }
        }
        HyperLogLog sparse = HyperLogLog.create();
        HyperLogLog full = HyperLogLog.create();
        full.toDense();
        for (int i = 0; i < 1000; i++) {
            byte[] element = Integer.toString(random.nextInt()).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            sparse.add(element, Integer.MAX_VALUE);
            full.add(element, Integer.MAX_VALUE);
        }
        if (HyperLogLog.count(sparse.histogram()) != HyperLogLog.count(full.histogram())) {
            throw new CommandException("TESTFAILED sparse and dense representations disagree");
        }
        if (dense.length != HyperLogLog.DENSE_SIZE) {
            throw new CommandException("TESTFAILED dense size");
        }
        ctx.reply().ok();
    }
}
