package io.redoubt.dataplane;

import java.util.LinkedHashMap;
import java.util.Map;

/** Server-wide counters INFO reports; updated on the shard thread that serves the clients. */
public final class ServerStats {
    public long totalConnectionsReceived;
    public long totalCommandsProcessed;
    public long rejectedConnections;
    public long netInputBytes;
    public long netOutputBytes;
    public long totalErrorReplies;

    /** Per command id: calls, microseconds, rejected calls, failed calls. */
    public long[] calls;
    public long[] usec;
    public long[] rejectedCalls;
    public long[] failedCalls;

    /** Error replies by error code (the first word, e.g. ERR, WRONGTYPE), for errorstats. */
    public final Map<String, Long> errorsByCode = new LinkedHashMap<>();

    ServerStats(int commandCount) {
        calls = new long[commandCount];
        usec = new long[commandCount];
        rejectedCalls = new long[commandCount];
        failedCalls = new long[commandCount];
    }

    void countError(String text) {
        totalErrorReplies++;
        int space = text.indexOf(' ');
        String code = space < 0 ? text : text.substring(0, space);
        if (errorsByCode.size() < 128 || errorsByCode.containsKey(code)) {
            errorsByCode.merge(code, 1L, Long::sum);
        }
    }

    /** CONFIG RESETSTAT. */
    public void reset() {
        totalConnectionsReceived = 0;
        totalCommandsProcessed = 0;
        rejectedConnections = 0;
        netInputBytes = 0;
        netOutputBytes = 0;
        totalErrorReplies = 0;
        java.util.Arrays.fill(calls, 0);
        java.util.Arrays.fill(usec, 0);
        java.util.Arrays.fill(rejectedCalls, 0);
        java.util.Arrays.fill(failedCalls, 0);
        errorsByCode.clear();
    }
}
