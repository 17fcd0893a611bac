package io.redoubt.engine.command;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * Where a command's keys are and what it does to them, as Redis 7 key specs describe it: a begin-search
 * step (a fixed index, or a keyword searched from a start index) followed by a find-keys step (a
 * range with last-key and step, or a key count read from the arguments).
 *
 * <p>The ACL, routing and {@code COMMAND GETKEYS} all find keys through {@link #keys}, never through
 * per-command code.
 */
public final class KeySpec {

    /** Key spec flags with the names {@code COMMAND INFO} reports, in the order Redis reports them. */
    public enum Flag {
        RO, RW, OW, RM, ACCESS, UPDATE, INSERT, DELETE, NOT_KEY, INCOMPLETE, VARIABLE_FLAGS;

        /** Redis spells the access types in capitals and the operations in lower case. */
        public String wireName() {
            return name().length() == 2 ? name() : name().toLowerCase(Locale.ROOT);
        }
    }

    private final int index;            // begin search: index, or start-from when keyword != null
    private final String keyword;
    private final boolean keynum;       // find keys: keynum (true) or range (false)
    private final int lastKeyOrKeynumIdx;
    private final int step;             // range: key step; keynum: key step
    private final int limitOrFirstKey;  // range: limit; keynum: first key
    private final Set<Flag> flags;
    private final boolean unknown;      // begin search and find keys "unknown": Redis cannot describe them
    private String notes;
    private VariableFlags variableFlags;
    private KeyFinder finder;

    /**
     * Finds the keys of an {@link #unknown} spec in one call's arguments, as a Redis command's getkeys
     * proc does for the specs it cannot describe (SORT's STORE key: the keyword may appear anywhere).
     */
    @FunctionalInterface
    public interface KeyFinder {
        void keys(byte[][] argv, IntConsumer keyIndex);
    }

    /** Works out a VARIABLE_FLAGS spec's flags for one call (Redis does this in a getkeys proc). */
    @FunctionalInterface
    public interface VariableFlags {
        Set<Flag> resolve(byte[][] argv);
    }

    private KeySpec(int index, String keyword, boolean keynum, int a, int step, int b, Set<Flag> flags) {
        this(index, keyword, keynum, a, step, b, flags, false);
    }

    private KeySpec(int index, String keyword, boolean keynum, int a, int step, int b, Set<Flag> flags,
                    boolean unknown) {
        this.unknown = unknown;
        this.index = index;
        this.keyword = keyword;
        this.keynum = keynum;
        this.lastKeyOrKeynumIdx = a;
        this.step = step;
        this.limitOrFirstKey = b;
        this.flags = flags;
    }

    /** One key at {@code index}. */
    public static KeySpec single(int index, Flag... flags) {
        return range(index, 0, 1, flags);
    }

    /** Keys from {@code index}; {@code lastKey} relative to it (-1: up to the last argument). */
    public static KeySpec range(int index, int lastKey, int step, Flag... flags) {
        return new KeySpec(index, null, false, lastKey, step, 0, of(flags));
    }

    /** A count at {@code index + keynumIdx}, then that many keys from {@code index + firstKey}. */
    public static KeySpec keynum(int index, int keynumIdx, int firstKey, int step, Flag... flags) {
        return new KeySpec(index, null, true, keynumIdx, step, firstKey, of(flags));
    }

    /** Keys following {@code keyword}, searched from {@code startFrom} (negative: from the end). */
    public static KeySpec keyword(String keyword, int startFrom, int lastKey, int step, Flag... flags) {
        return new KeySpec(startFrom, keyword, false, lastKey, step, 0, of(flags));
    }

    /** Like {@link #keyword} with a key count after the keyword. */
    public static KeySpec keywordKeynum(String keyword, int startFrom, int keynumIdx, int firstKey, int step,
                                        Flag... flags) {
        return new KeySpec(startFrom, keyword, true, keynumIdx, step, firstKey, of(flags));
    }

    /**
     * Keys whose place Redis cannot describe (COMMAND INFO shows begin_search and find_keys of type
     * {@code unknown}). Such a spec yields no key unless {@link #keysFrom} says how to find them:
     * SORT's BY/GET keys derive from the sorted values and are never found; its STORE key is.
     */
    public static KeySpec unknown(Flag... flags) {
        return new KeySpec(0, null, false, 0, 0, 0, of(flags), true);
    }

    private static Set<Flag> of(Flag... flags) {
        Set<Flag> set = EnumSet.noneOf(Flag.class);
        for (Flag f : flags) {
            set.add(f);
        }
        return Set.copyOf(set);
    }

    /** Adds the free-text {@code notes} COMMAND INFO shows for this spec (e.g. why SET is RW). */
    public KeySpec notes(String text) {
        KeySpec copy = copy();
        copy.notes = text;
        return copy;
    }

    /** For a {@link Flag#VARIABLE_FLAGS} spec: how to find the flags of one call's keys. */
    public KeySpec variableFlags(VariableFlags resolver) {
        KeySpec copy = copy();
        copy.variableFlags = resolver;
        return copy;
    }

    /** For an {@link #unknown} spec: how to find its keys in one call (Redis's getkeys proc). */
    public KeySpec keysFrom(KeyFinder keyFinder) {
        if (!unknown) {
            throw new IllegalStateException("only an unknown key spec finds its keys by code: " + this);
        }
        KeySpec copy = copy();
        copy.finder = keyFinder;
        return copy;
    }

    private KeySpec copy() {
        KeySpec copy = new KeySpec(index, keyword, keynum, lastKeyOrKeynumIdx, step, limitOrFirstKey, flags,
                unknown);
        copy.notes = notes;
        copy.variableFlags = variableFlags;
        copy.finder = finder;
        return copy;
    }

    /** The flags of the keys this spec finds in {@code argv}: the declared ones unless they vary per call. */
    public Set<Flag> flagsFor(byte[][] argv) {
        return variableFlags == null ? flags : variableFlags.resolve(argv);
    }

    /** The notes, or null. */
    public String notes() {
        return notes;
    }

    public Set<Flag> flags() {
        return flags;
    }

    public boolean isIndexRange() {
        return !unknown && keyword == null && !keynum;
    }

    /** Whether COMMAND INFO describes this spec's begin_search and find_keys as {@code unknown}. */
    public boolean isUnknown() {
        return unknown;
    }

    public boolean isKeyword() {
        return keyword != null;
    }

    public boolean isKeynum() {
        return keynum;
    }

    public int index() {
        return index;
    }

    public String keywordText() {
        return keyword;
    }

    public int lastKey() {
        return lastKeyOrKeynumIdx;
    }

    public int keynumIdx() {
        return lastKeyOrKeynumIdx;
    }

    public int firstKey() {
        return limitOrFirstKey;
    }

    public int limit() {
        return limitOrFirstKey;
    }

    public int step() {
        return step;
    }

    public boolean reads() {
        return flags.contains(Flag.RO) || flags.contains(Flag.RW) || flags.contains(Flag.ACCESS);
    }

    public boolean writes() {
        return flags.contains(Flag.RW) || flags.contains(Flag.OW) || flags.contains(Flag.RM)
                || flags.contains(Flag.INSERT) || flags.contains(Flag.DELETE) || flags.contains(Flag.UPDATE);
    }

    /**
     * Calls {@code keyIndex} with the argument index of each key this spec finds in {@code argv}.
     * Arguments that do not fit (a missing keyword, a bad count) yield no keys, as in Redis.
     */
    public void keys(byte[][] argv, IntConsumer keyIndex) {
        if (unknown) {
            if (finder != null) {
                finder.keys(argv, keyIndex);
            }
            return;
        }
        int argc = argv.length;
        int start = begin(argv);
        if (start < 0) {
            return;
        }
        if (start >= argc) {
            return;
        }
        if (keynum) {
            int countAt = start + lastKeyOrKeynumIdx;
            if (countAt >= argc) {
                return;
            }
            long count;
            try {
                count = Long.parseLong(new String(argv[countAt], java.nio.charset.StandardCharsets.ISO_8859_1));
            } catch (NumberFormatException e) {
                return;
            }
            int first = start + limitOrFirstKey;
            for (long k = 0; k < count; k++) {
                long pos = first + k * step;
                if (pos >= argc) {
                    return;
                }
                keyIndex.accept((int) pos);
            }
            return;
        }
        int last;
        if (lastKeyOrKeynumIdx >= 0) {
            last = start + lastKeyOrKeynumIdx;
        } else if (limitOrFirstKey == 0) {
            last = argc + lastKeyOrKeynumIdx;
        } else {
            // A limit divides the remaining arguments (XREAD STREAMS k1 k2 id1 id2: keys are the first half).
            last = start + ((argc - start) / limitOrFirstKey + lastKeyOrKeynumIdx);
        }
        if (last >= argc) {
            last = argc - 1;
        }
        for (int i = start; i <= last; i += step) {
            keyIndex.accept(i);
        }
    }

    /**
     * Whether this spec's begin search succeeds in {@code argv} (its keyword is present, or it begins at an
     * index), as Redis decides before looking at an INCOMPLETE spec's flag; false for an unknown spec.
     */
    public boolean begins(byte[][] argv) {
        return !unknown && begin(argv) >= 0;
    }

    /** The index the find-keys step starts from, or -1 when the keyword is absent. */
    private int begin(byte[][] argv) {
        if (keyword == null) {
            return index;
        }
        int argc = argv.length;
        int from = index > 0 ? index : argc + index;
        int end = index > 0 ? argc - 1 : 1;
        for (int i = from; i != end; i = from <= end ? i + 1 : i - 1) {
            if (i >= argc || i < 1) {
                break;
            }
            if (new String(argv[i], java.nio.charset.StandardCharsets.ISO_8859_1).equalsIgnoreCase(keyword)) {
                return i + 1;
            }
        }
        return -1;
    }

    /** Keys from {@code index} to the end divided by {@code limit} (-1 lastKey): XREAD's STREAMS. */
    public static KeySpec keywordRangeLimit(String keyword, int startFrom, int limit, Flag... flags) {
        return new KeySpec(startFrom, keyword, false, -1, 1, limit, of(flags));
    }

    /** The flag names for {@code COMMAND INFO}. */
    public String[] flagNames() {
        return flags.stream().sorted().map(Flag::wireName).toArray(String[]::new);
    }

    @Override
    public String toString() {
        if (unknown) {
            return "unknown " + flags;
        }
        return (keyword == null ? "index " + index : "keyword " + keyword.toLowerCase(Locale.ROOT))
                + (keynum ? " keynum" : " range") + " " + flags;
    }
}
