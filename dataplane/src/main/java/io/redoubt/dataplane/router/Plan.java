package io.redoubt.dataplane.router;

/**
 * Where one request goes: the shards, the arguments each one gets, how their replies merge, and how
 * many reply frames each sends (SUBSCRIBE a b sends two). {@code error}, when set, is the reply the
 * router gives itself without asking any shard.
 */
record Plan(int[] shards, byte[][][] argvs, Merge merge, int framesPerShard, int[][] positions, int pick,
            long scanShard, String error) {

    static Plan error(String error) {
        return new Plan(new int[0], new byte[0][][], Merge.ONLY, 0, null, 0, 0, error);
    }

    static Plan one(int shard, byte[][] argv) {
        return new Plan(new int[] {shard}, new byte[][][] {argv}, Merge.ONLY, 1, null, 0, 0, null);
    }

    static Plan all(int shardCount, byte[][] argv, Merge merge, int framesPerShard) {
        int[] shards = new int[shardCount];
        byte[][][] argvs = new byte[shardCount][][];
        for (int i = 0; i < shardCount; i++) {
            shards[i] = i;
            argvs[i] = argv;
        }
        return new Plan(shards, argvs, merge, framesPerShard, null, 0, 0, null);
    }
}
