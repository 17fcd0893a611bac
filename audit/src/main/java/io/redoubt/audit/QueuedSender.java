package io.redoubt.audit;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded queue of messages and the one thread that delivers them to a {@link Destination}. The
 * producer side ({@link #offer}) never blocks and never does I/O, so the shard thread can call it:
 * when the queue is full the message is dropped and counted. The delivering thread connects, sends,
 * and on any failure closes the link, logs one line, and waits a {@link Backoff} before trying again
 * with the same message (so a message may arrive twice after a reconnection, never out of order).
 *
 * <p>{@link #destination(Destination)} switches to a new destination without a restart (CONFIG SET):
 * the current link is closed, which also frees a thread stuck writing to a stalled peer.
 */
public final class QueuedSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueuedSender.class);

    private final String name;
    private final BlockingQueue<byte[]> queue;
    private final Backoff backoff;
    private final Thread thread;
    private final Object wake = new Object();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile Destination destination;
    private volatile Destination.Link link;
    private volatile boolean closed;
    private volatile String lastError = "";

    /**
     * @param name     names the thread and the log lines ({@code syslog}, {@code audit})
     * @param capacity messages held while the destination is slow or away
     */
    public QueuedSender(String name, int capacity, Backoff backoff, Destination destination) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.name = name;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.backoff = backoff;
        this.destination = destination;
        this.thread = new Thread(this::run, "redoubt-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a message; false (and counted as dropped) when the queue is full or nowhere to send. */
    public boolean offer(byte[] message) {
        if (destination == null || closed || !queue.offer(message)) {
            dropped.incrementAndGet();
            return false;
        }
        return true;
    }

    /** Sends to {@code next} from now on (null: nowhere; queued messages are then dropped). */
    public void destination(Destination next) {
        this.destination = next;
        Destination.Link current = link;
        if (current != null) {
            current.close();
        }
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    public Destination destination() {
        return destination;
    }

    public long sent() {
        return sent.get();
    }

    public long dropped() {
        return dropped.get();
    }

    public int pending() {
        return queue.size();
    }

    /** Connection or write failures so far. */
    public long failures() {
        return failures.get();
    }

    /** Whether a link is open now. */
    public boolean connected() {
        return link != null;
    }

    /** The last failure's message, empty when none yet. */
    public String lastError() {
        return lastError;
    }

    private void run() {
        byte[] message = null;
        Destination linked = null;
        while (!closed) {
            try {
                if (message == null) {
                    message = queue.poll(500, TimeUnit.MILLISECONDS);
                    if (message == null) {
                        continue;
                    }
                }
                Destination target = destination;
                if (target == null) {
                    dropped.addAndGet(1 + queue.size());
                    queue.clear();
                    message = null;
                    continue;
                }
                if (link != null && linked != target) {
                    closeLink();
                }
                if (link == null) {
                    linked = target;
                    link = target.open();
                    if (destination != target) {
                        // switched while connecting: destination() saw no link to close, so close it here
                        // rather than send to the old (perhaps stalled) peer
                        closeLink();
                        continue;
                    }
                    backoff.succeeded();
                    LOG.info("{}: connected to {}", name, target.describe());
                }
                link.send(message);
                sent.incrementAndGet();
                message = null;
            } catch (InterruptedException e) {
                break;
            } catch (IOException | RuntimeException e) {
                closeLink();
                if (closed) {
                    break;
                }
                Destination target = destination;
                if (target != linked && linked != null) {
                    linked = null;
                    continue; // reconfigured while sending: try the new destination at once
                }
                failures.incrementAndGet();
                long wait = backoff.failed();
                lastError = String.valueOf(e.getMessage());
                LOG.warn("{}: cannot send to {} ({}); retrying in {} ms, {} messages queued", name,
                        target == null ? "nowhere" : target.describe(), e.getMessage(), wait, queue.size());
                pause(wait, target);
            }
        }
        closeLink();
    }

    /** Waits out the backoff, or less when the destination is changed meanwhile. */
    private void pause(long millis, Destination current) {
        long deadline = System.currentTimeMillis() + millis;
        synchronized (wake) {
            long left;
            while (!closed && destination == current && (left = deadline - System.currentTimeMillis()) > 0) {
                try {
                    wake.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void closeLink() {
        Destination.Link l = link;
        link = null;
        if (l != null) {
            l.close();
        }
    }

    /** Stops the thread after at most {@code waitMillis} spent delivering what is queued. */
    public void close(long waitMillis) {
        long deadline = System.currentTimeMillis() + waitMillis;
        while (!queue.isEmpty() && link != null && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        closed = true;
        closeLink();
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(0);
    }
}
