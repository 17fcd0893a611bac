package io.redoubt.dataplane;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * DEBUG JMAP: the JVM's histogram of live heap objects per class, what {@code jmap -histo:live} prints,
 * read through the HotSpot diagnostic-command MBean so no tool or attach is needed. It is Redoubt's
 * counterpart of Redis's allocator statistics (DEBUG MALLCTL): a full collection runs first, so the
 * server stops while it is taken, as with every DEBUG subcommand that inspects memory.
 */
final class HeapHistogram {
    private HeapHistogram() {
    }

    static String live() {
        try {
            return (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
        } catch (JMException | RuntimeException e) {
            return "heap histogram unavailable on this JVM: " + e.getMessage();
        }
    }
}
