package io.redoubt.dataplane.router;

import java.util.function.IntConsumer;

/**
 * The argument positions of a request's keys, collected into an array the planner reuses from one
 * request to the next, so that routing a request allocates no list and boxes no position.
 */
final class KeyPositions implements IntConsumer {
    private int[] positions = new int[8];
    private int count;

    void clear() {
        count = 0;
    }

    @Override
    public void accept(int position) {
        if (count == positions.length) {
            positions = java.util.Arrays.copyOf(positions, count * 2);
        }
        positions[count++] = position;
    }

    int count() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    int get(int i) {
        return positions[i];
    }
}
