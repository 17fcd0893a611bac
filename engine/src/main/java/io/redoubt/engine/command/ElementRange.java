package io.redoubt.engine.command;

/**
 * The elements {@code [from, to)} that an inclusive index pair selects under Redis's rules for LRANGE,
 * LTRIM and rank ranges of sorted sets: a negative index counts from the end, a start before the first
 * element is clamped to it, an end past the last one is clamped to it, and a start after the end (or
 * past the last element) selects nothing. GETRANGE clamps differently and does not use this.
 *
 * @param from first selected index, inclusive
 * @param to   end of the selection, exclusive; equal to {@code from} when nothing is selected
 */
public record ElementRange(int from, int to) {
    private static final ElementRange EMPTY = new ElementRange(0, 0);

    /** The selection of {@code start..end} (both inclusive, as a client sent them) in {@code size} elements. */
    public static ElementRange of(long start, long end, int size) {
        if (start < 0) {
            start += size;
        }
        if (end < 0) {
            end += size;
        }
        if (start < 0) {
            start = 0;
        }
        if (start > end || start >= size) {
            return EMPTY;
        }
        return new ElementRange((int) start, (int) Math.min(end, size - 1L) + 1);
    }

    public int length() {
        return to - from;
    }

    public boolean isEmpty() {
        return to == from;
    }
}
