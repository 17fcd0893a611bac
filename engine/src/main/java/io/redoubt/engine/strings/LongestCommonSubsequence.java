package io.redoubt.engine.strings;

import io.redoubt.engine.command.CommandException;
import io.redoubt.resp.ReplySink;
import java.util.ArrayList;
import java.util.List;

/**
 * LCS's dynamic program and its reply, walking the table back from the end exactly as Redis 7.0
 * does so that ties pick the same subsequence and ranges come out in the same order (last match
 * first).
 */
final class LongestCommonSubsequence {

    private LongestCommonSubsequence() {
    }

    static void reply(ReplySink reply, byte[] a, byte[] b, boolean getIdx, boolean getLen, boolean withMatchLen,
                      long minMatchLen) {
        int alen = a.length;
        int blen = b.length;
        long cells = (long) (alen + 1) * (blen + 1);
        // Redis refuses a table (4 bytes a cell) larger than proto-max-bulk-len.
        if (cells * Integer.BYTES > StringCommands.MAX_STRING_LENGTH) {
            throw new CommandException("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len");
        }
        int width = blen + 1;
        int[] dp = new int[(int) cells];
        for (int i = 1; i <= alen; i++) {
            for (int j = 1; j <= blen; j++) {
                int at = i * width + j;
                if (a[i - 1] == b[j - 1]) {
                    dp[at] = dp[at - width - 1] + 1;
                } else {
                    dp[at] = Math.max(dp[at - width], dp[at - 1]);
                }
            }
        }
        int total = dp[alen * width + blen];
        int idx = total;
        boolean computeLcs = getIdx || !getLen;
        byte[] result = computeLcs ? new byte[total] : null;
        List<long[]> ranges = getIdx ? new ArrayList<>() : null;
        int aStart = alen; // alen means "no range open"
        int aEnd = 0;
        int bStart = 0;
        int bEnd = 0;
        int i = alen;
        int j = blen;
        while (computeLcs && i > 0 && j > 0) {
            boolean emit = false;
            if (a[i - 1] == b[j - 1]) {
                result[idx - 1] = a[i - 1];
                if (aStart == alen) {
                    aStart = i - 1;
                    aEnd = i - 1;
                    bStart = j - 1;
                    bEnd = j - 1;
                } else if (aStart == i && bStart == j) {
                    aStart--;
                    bStart--;
                } else {
                    emit = true;
                }
                if (aStart == 0 || bStart == 0) {
                    emit = true;
                }
                idx--;
                i--;
                j--;
            } else {
                if (dp[(i - 1) * width + j] > dp[i * width + j - 1]) {
                    i--;
                } else {
                    j--;
                }
                if (aStart != alen) {
                    emit = true;
                }
            }
            if (emit) {
                long matchLen = aEnd - aStart + 1;
                if (ranges != null && (minMatchLen == 0 || matchLen >= minMatchLen)) {
                    ranges.add(new long[] {aStart, aEnd, bStart, bEnd, matchLen});
                }
                aStart = alen;
            }
        }
        if (getIdx) {
            reply.map(2);
            reply.bulk("matches");
            reply.array(ranges.size());
            for (long[] r : ranges) {
                reply.array(withMatchLen ? 3 : 2);
                reply.array(2);
                reply.integer(r[0]);
                reply.integer(r[1]);
                reply.array(2);
                reply.integer(r[2]);
                reply.integer(r[3]);
                if (withMatchLen) {
                    reply.integer(r[4]);
                }
            }
            reply.bulk("len");
            reply.integer(total);
        } else if (getLen) {
            reply.integer(idx);
        } else {
            reply.bulk(result);
        }
    }
}
