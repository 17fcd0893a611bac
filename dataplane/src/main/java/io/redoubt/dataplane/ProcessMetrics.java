package io.redoubt.dataplane;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the operating system and the JVM say about this process, for INFO memory and cpu: resident
 * set size from {@code /proc/self/statm}, process CPU times from {@code /proc/self/stat}, the calling
 * thread's CPU time from the JVM. Where {@code /proc} is missing the figures fall back to the JVM's.
 */
final class ProcessMetrics {
    private static final long PAGE_SIZE = 4096;
    private static final long CLOCK_TICKS = 100; // USER_HZ on Linux

    private ProcessMetrics() {
    }

    /** Resident bytes of the process. */
    static long residentBytes() {
        try {
            String[] f = Files.readString(Path.of("/proc/self/statm")).trim().split("\\s+");
            return Long.parseLong(f[1]) * PAGE_SIZE;
        } catch (IOException | RuntimeException e) {
            Runtime rt = Runtime.getRuntime();
            return rt.totalMemory();
        }
    }

    /** Total physical memory of the machine, or 0 when unknown. */
    static long totalSystemMemory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return 0;
    }

    /** {user, system} CPU microseconds of the whole process. */
    static long[] processCpuMicros() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // Fields after the command name, which is in parentheses and may contain spaces.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long user = Long.parseLong(f[11]);
            long sys = Long.parseLong(f[12]);
            return new long[] {user * 1_000_000 / CLOCK_TICKS, sys * 1_000_000 / CLOCK_TICKS};
        } catch (IOException | RuntimeException e) {
            return threadCpuMicros();
        }
    }

    /** {user, system} CPU microseconds of the calling thread (INFO runs on the shard's thread). */
    static long[] threadCpuMicros() {
        ThreadMXBean t = ManagementFactory.getThreadMXBean();
        if (!t.isCurrentThreadCpuTimeSupported()) {
            return new long[] {0, 0};
        }
        long total = t.getCurrentThreadCpuTime() / 1000;
        long user = t.getCurrentThreadUserTime() / 1000;
        return new long[] {user, Math.max(0, total - user)};
    }
}
