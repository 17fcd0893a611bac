package io.redoubt.engine.keys;

import static io.redoubt.engine.command.CommandFlag.DENYOOM;
import static io.redoubt.engine.command.CommandFlag.MOVABLEKEYS;
import static io.redoubt.engine.command.CommandFlag.READONLY;
import static io.redoubt.engine.command.CommandFlag.WRITE;
import static io.redoubt.engine.command.KeySpec.Flag.ACCESS;
import static io.redoubt.engine.command.KeySpec.Flag.OW;
import static io.redoubt.engine.command.KeySpec.Flag.RO;
import static io.redoubt.engine.command.KeySpec.Flag.UPDATE;

import io.redoubt.engine.command.AclCategory;
import io.redoubt.engine.command.Args;
import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.CommandException;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.engine.command.KeySpec;
import io.redoubt.engine.keyspace.Keyspace;
import io.redoubt.engine.keyspace.Entry;
import io.redoubt.engine.keyspace.EventClass;
import io.redoubt.engine.keyspace.FieldLookup;
import io.redoubt.engine.keyspace.RedisValue;
import io.redoubt.engine.keyspace.SortableValue;
import io.redoubt.engine.keyspace.ValueType;
import io.redoubt.resp.Errors;
import io.redoubt.resp.ReplySink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * SORT and SORT_RO over any {@link SortableValue} (lists, sets, sorted sets), with BY and GET
 * patterns ({@code *} substitution, {@code #} for the element itself, {@code ->field} for hash fields
 * through {@link FieldLookup}), LIMIT, ASC/DESC, ALPHA and STORE. The result order follows Redis:
 * numeric ties are broken by comparing the elements' bytes, and a constant BY pattern skips sorting.
 */
public final class SortCommands {
    private static final String NOT_DOUBLE = "ERR One or more scores can't be converted into double";
    private static final String GET_DENIED = "ERR GET option of SORT denied due to insufficient ACL permissions.";
    private static final String BY_DENIED = "ERR BY option of SORT denied due to insufficient ACL permissions.";
    /** Redis's key specs of SORT and SORT_RO: the sorted key, then the keys BY and GET patterns form. */
    private static final KeySpec SORTED_KEY = KeySpec.single(1, RO, ACCESS);
    private static final KeySpec PATTERN_KEYS = KeySpec.unknown(RO, ACCESS).notes("For the optional BY/GET keyword. "
            + "It is marked 'unknown' because the key names derive from the content of the key we sort");
    /** SORT's destination: found by {@link #storeKey}, as Redis's sortGetKeys finds it for the ACL. */
    private static final KeySpec STORE_KEY = KeySpec.unknown(OW, UPDATE).notes("For the optional STORE keyword. "
            + "It is marked 'unknown' because the keyword can appear anywhere in the argument array")
            .keysFrom(SortCommands::storeKey);
    private static final String COMPLEXITY = "O(N+M*log(M)) where N is the number of elements in the list or set to sort, and M the number of returned elements. When the elements are not sorted, complexity is O(N).";

    private final Function<List<byte[]>, RedisValue> listFactory;

    /**
     * @param listFactory builds the list SORT ... STORE writes (the list family's own type once it
     *                    exists, so LRANGE and friends can read what SORT stored)
     */
    public SortCommands(Function<List<byte[]>, RedisValue> listFactory) {
        this.listFactory = listFactory;
    }

    public void register(CommandTable.Builder t) {
        t.add(CommandSpec.builder("sort", -2).flags(WRITE, DENYOOM, MOVABLEKEYS)
                .args("key:key#0 pattern:pattern=BY#1? offset_count:block=LIMIT?(offset:integer count:integer) "
                        + "pattern:pattern=GET#1?*+ order:oneof?(ASC DESC) sorting=ALPHA? destination:key=STORE#2?")
                .acl(AclCategory.SET, AclCategory.SORTEDSET, AclCategory.LIST, AclCategory.DANGEROUS)
                .key(SORTED_KEY).key(PATTERN_KEYS).key(STORE_KEY)
                .group("generic").since("1.0.0").summary("Sort the elements in a list, set or sorted set")
                .complexity(COMPLEXITY)
                .handler(ctx -> sort(ctx, false)));
        t.add(CommandSpec.builder("sort_ro", -2).flags(READONLY, MOVABLEKEYS)
                .args("key:key#0 pattern:pattern=BY#1? offset_count:block=LIMIT?(offset:integer count:integer) "
                        + "pattern:pattern=GET#1?*+ order:oneof?(ASC DESC) sorting=ALPHA?")
                .acl(AclCategory.SET, AclCategory.SORTEDSET, AclCategory.LIST, AclCategory.DANGEROUS)
                .key(SORTED_KEY).key(PATTERN_KEYS)
                .group("generic").since("7.0.0")
                .summary("Sort the elements in a list, set or sorted set. Read-only variant of SORT.")
                .complexity(COMPLEXITY)
                .handler(ctx -> sort(ctx, true)));
    }

    /**
     * The argument index of SORT's destination, scanning as Redis's sortGetKeys does: LIMIT skips two
     * arguments, BY and GET one, and the last STORE that has a following argument wins. The scan is
     * the ACL's and the router's, so it must agree with Redis's even where the parser below would
     * answer a syntax error.
     */
    static void storeKey(byte[][] argv, IntConsumer keyIndex) {
        int store = -1;
        for (int i = 2; i < argv.length; i++) {
            if (Args.is(argv[i], "LIMIT")) {
                i += 2;
            } else if (Args.is(argv[i], "GET") || Args.is(argv[i], "BY")) {
                i += 1;
            } else if (Args.is(argv[i], "STORE") && i + 1 < argv.length) {
                store = i + 1;
            }
        }
        if (store >= 0) {
            keyIndex.accept(store);
        }
    }

    /** One element being sorted with the value it sorts by. */
    private static final class Item {
        final byte[] element;
        double score;
        byte[] by;

        Item(byte[] element) {
            this.element = element;
        }
    }

    private void sort(CommandContext ctx, boolean readOnly) {
        byte[][] argv = ctx.argv();
        boolean desc = false;
        boolean alpha = false;
        boolean dontSort = false;
        long limitStart = 0;
        long limitCount = -1;
        byte[] sortBy = null;
        byte[] storeKey = null;
        List<byte[]> gets = new ArrayList<>();
        // BY and GET patterns name keys that only the data reveals, so the ACL cannot check them one
        // by one: as in Redis, they need a user who may read every key (asked once, as Redis does).
        boolean readsEveryKey = argv.length > 2 && ctx.client().mayReadEveryKey(ctx.spec(), argv);
        for (int j = 2; j < argv.length; j++) {
            int left = argv.length - j - 1;
            byte[] a = argv[j];
            if (Args.is(a, "ASC")) {
                desc = false;
            } else if (Args.is(a, "DESC")) {
                desc = true;
            } else if (Args.is(a, "ALPHA")) {
                alpha = true;
            } else if (Args.is(a, "LIMIT") && left >= 2) {
                limitStart = Args.parseLong(argv[j + 1]);
                limitCount = Args.parseLong(argv[j + 2]);
                j += 2;
            } else if (!readOnly && Args.is(a, "STORE") && left >= 1) {
                storeKey = argv[++j];
            } else if (Args.is(a, "BY") && left >= 1) {
                sortBy = argv[++j];
                dontSort = indexOf(sortBy, (byte) '*', 0) < 0; // a constant pattern means "don't sort"
                if (!dontSort && !readsEveryKey) {
                    throw new CommandException(BY_DENIED);
                }
            } else if (Args.is(a, "GET") && left >= 1) {
                if (!readsEveryKey) {
                    throw new CommandException(GET_DENIED); // GET # too: Redis refuses every GET
                }
                gets.add(argv[++j]);
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
        }

        Keyspace db = ctx.db();
        boolean touch = !ctx.client().noTouch();
        Entry source = db.lookupRead(argv[1], touch);
        SortableValue value = null;
        if (source != null) {
            if (!(source.value() instanceof SortableValue v) || v.type() == ValueType.HASH
                    || v.type() == ValueType.STREAM) {
                throw new CommandException(Errors.WRONGTYPE);
            }
            value = v;
        }
        ValueType type = value == null ? ValueType.LIST : value.type();
        if (dontSort && type == ValueType.SET && storeKey != null) {
            // A set's order is arbitrary; stored results must be reproducible, so sort them.
            dontSort = false;
            alpha = true;
            sortBy = null;
        }
        List<byte[]> elements = value == null ? List.of() : value.sortElements();
        if (dontSort && type != ValueType.SET && desc) {
            // Lists and sorted sets keep their own order, walked from the end for DESC.
            elements = new ArrayList<>(elements);
            Collections.reverse(elements);
        }

        int length = elements.size();
        long start = Math.max(limitStart, 0);
        long end = limitCount < 0 ? length - 1 : start + limitCount - 1;
        if (start >= length) {
            start = length - 1;
            end = length - 2;
        }
        if (end >= length) {
            end = length - 1;
        }

        List<Item> items = new ArrayList<>(length);
        for (byte[] e : elements) {
            items.add(new Item(e));
        }
        boolean conversionError = false;
        if (!dontSort) {
            boolean store = storeKey != null;
            for (Item item : items) {
                byte[] by = sortBy == null ? item.element : lookupByPattern(db, sortBy, item.element, store, touch);
                if (by == null) {
                    continue;
                }
                if (alpha) {
                    if (sortBy != null) {
                        item.by = by;
                    }
                } else {
                    Double d = strtod(by);
                    if (d == null) {
                        conversionError = true;
                    } else {
                        item.score = d;
                    }
                }
            }
            Comparator<Item> order = comparator(alpha, sortBy != null);
            items.sort(desc ? order.reversed() : order);
        }
        if (conversionError) {
            throw new CommandException(NOT_DOUBLE);
        }

        int from = (int) Math.max(start, 0);
        int count = (int) Math.max(end - start + 1, 0);
        if (storeKey == null) {
            reply(ctx, db, items, from, count, gets, touch);
        } else {
            store(ctx, db, items, from, count, gets, storeKey);
        }
    }

    private static Comparator<Item> comparator(boolean alpha, boolean byPattern) {
        if (!alpha) {
            return (x, y) -> {
                int c = Double.compare(x.score, y.score);
                if (x.score == y.score) {
                    c = 0; // -0.0 and 0.0 tie, as with C's comparison operators
                }
                return c != 0 ? c : Arrays.compareUnsigned(x.element, y.element);
            };
        }
        if (byPattern) {
            // A missing BY value sorts first; two missing ones tie.
            return (x, y) -> {
                if (x.by == null || y.by == null) {
                    return x.by == y.by ? 0 : x.by == null ? -1 : 1;
                }
                return Arrays.compareUnsigned(x.by, y.by);
            };
        }
        return (x, y) -> Arrays.compareUnsigned(x.element, y.element);
    }

    private void reply(CommandContext ctx, Keyspace db, List<Item> items, int from, int count, List<byte[]> gets,
                       boolean touch) {
        ReplySink r = ctx.reply();
        r.array(gets.isEmpty() ? count : count * gets.size());
        for (int i = from; i < from + count; i++) {
            byte[] element = items.get(i).element;
            if (gets.isEmpty()) {
                r.bulk(element);
                continue;
            }
            for (byte[] pattern : gets) {
                byte[] v = lookupByPattern(db, pattern, element, false, touch);
                if (v == null) {
                    r.nullBulk();
                } else {
                    r.bulk(v);
                }
            }
        }
    }

    private void store(CommandContext ctx, Keyspace db, List<Item> items, int from, int count, List<byte[]> gets,
                       byte[] storeKey) {
        List<byte[]> out = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            byte[] element = items.get(i).element;
            if (gets.isEmpty()) {
                out.add(element);
                continue;
            }
            for (byte[] pattern : gets) {
                byte[] v = lookupByPattern(db, pattern, element, true, false);
                out.add(v == null ? new byte[0] : v);
            }
        }
        if (out.isEmpty()) {
            if (db.delete(storeKey)) {
                db.notify(EventClass.GENERIC, "del", storeKey);
            }
        } else {
            db.put(storeKey, listFactory.apply(out));
            db.notify(EventClass.LIST, "sortstore", storeKey);
        }
        ctx.reply().integer(out.size());
    }

    /**
     * Redis's lookupKeyByPattern: {@code #} is the element itself; otherwise the first {@code *} is
     * replaced by the element and, when {@code ->field} follows it, the field of that hash is read.
     * Anything that does not resolve to a string is null.
     */
    static byte[] lookupByPattern(Keyspace db, byte[] pattern, byte[] element, boolean write, boolean touch) {
        if (pattern.length == 1 && pattern[0] == '#') {
            return element;
        }
        int star = indexOf(pattern, (byte) '*', 0);
        if (star < 0) {
            return null;
        }
        int arrow = indexOfArrow(pattern, star + 1);
        boolean hasField = arrow >= 0 && arrow + 2 < pattern.length;
        int keyEnd = hasField ? arrow : pattern.length;
        byte[] key = new byte[star + element.length + (keyEnd - star - 1)];
        System.arraycopy(pattern, 0, key, 0, star);
        System.arraycopy(element, 0, key, star, element.length);
        System.arraycopy(pattern, star + 1, key, star + element.length, keyEnd - star - 1);
        Entry e = write ? db.lookupWrite(key) : db.lookupRead(key, touch);
        if (e == null) {
            return null;
        }
        if (hasField) {
            if (!(e.value() instanceof FieldLookup hash) || hash.type() != ValueType.HASH) {
                return null;
            }
            return hash.field(Arrays.copyOfRange(pattern, arrow + 2, pattern.length));
        }
        return e.value() instanceof byte[] s ? s : null;
    }

    private static int indexOf(byte[] s, byte b, int from) {
        for (int i = from; i < s.length; i++) {
            if (s[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfArrow(byte[] s, int from) {
        for (int i = from; i + 1 < s.length; i++) {
            if (s[i] == '-' && s[i + 1] == '>') {
                return i;
            }
        }
        return -1;
    }

    /**
     * C's strtod as SORT applies it: leading blanks skipped, the whole rest must be a number (decimal
     * or hexadecimal), NaN and overflow refused; an empty string is 0.
     */
    static Double strtod(byte[] s) {
        int i = 0;
        while (i < s.length && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r'))) {
            i++;
        }
        if (i == s.length) {
            return s.length == 0 ? 0.0 : null;
        }
        String text = new String(s, i, s.length - i, java.nio.charset.StandardCharsets.ISO_8859_1);
        String unsigned = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        if (unsigned.length() > 2 && (unsigned.startsWith("0x") || unsigned.startsWith("0X"))) {
            return hex(text.startsWith("-"), unsigned.substring(2));
        }
        return Args.parseDoubleOrNull(i == 0 ? s : Arrays.copyOfRange(s, i, s.length));
    }

    /** A hexadecimal strtod body such as {@code 1F}, {@code 1.8} or {@code 1p-3}. */
    private static Double hex(boolean negative, String body) {
        if (!body.matches("(?i)([0-9a-f]+\\.?[0-9a-f]*|\\.[0-9a-f]+)(p[+-]?[0-9]+)?")) {
            return null;
        }
        String mantissa = body;
        String exponent = "0";
        int p = Math.max(body.indexOf('p'), body.indexOf('P'));
        if (p >= 0) {
            mantissa = body.substring(0, p);
            exponent = body.substring(p + 1);
        }
        try {
            double v = Double.parseDouble("0x" + mantissa + "p" + exponent);
            return Double.isInfinite(v) ? null : negative ? -v : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
