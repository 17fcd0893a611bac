package io.redoubt.engine.streams;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A stream's contents as plain records, for persistence (RDB files, DUMP and RESTORE): the nodes
 * with their master entry and every entry (deleted ones too, since node boundaries and tombstones
 * are part of Redis's format), and the consumer groups with their pending entries and consumers.
 * {@link #build} turns such records back into a stream.
 */
public final class StreamImage {
    /** One entry of a node; {@code fieldsAndValues} is null for a deleted entry. */
    public record Entry(StreamId id, boolean deleted, byte[][] fieldsAndValues) {
    }

    /** One node: the ID it is keyed by (its master ID), the master entry's field names, its entries. */
    public record Node(StreamId master, byte[][] masterFields, List<Entry> entries) {
    }

    /** A pending entry of a group: its owner by name, last delivery time (ms) and delivery count. */
    public record Pending(StreamId id, byte[] consumer, long deliveryTime, long deliveryCount) {
    }

    /** A consumer: its name and when it was last seen (ms). */
    public record ConsumerRecord(byte[] name, long seenTime) {
    }

    /** A consumer group as saved. */
    public record Group(byte[] name, StreamId lastId, long entriesRead, List<Pending> pending,
                        List<ConsumerRecord> consumers) {
    }

    private StreamImage() {
    }

    public static List<Node> nodes(StreamValue s) {
        List<Node> out = new ArrayList<>(s.nodes.size());
        for (Map.Entry<StreamId, StreamValue.Node> e : s.nodes.entrySet()) {
            StreamValue.Node n = e.getValue();
            List<Entry> entries = new ArrayList<>(n.size);
            for (int i = 0; i < n.size; i++) {
                entries.add(new Entry(n.idAt(i), n.deleted[i], n.fields[i]));
            }
            out.add(new Node(e.getKey(), n.masterFields, entries));
        }
        return out;
    }

    public static List<Group> groups(StreamValue s) {
        List<Group> out = new ArrayList<>(s.groups.size());
        for (ConsumerGroup g : s.groups.values()) {
            List<Pending> pending = new ArrayList<>(g.pending.size());
            for (Map.Entry<StreamId, PendingEntry> p : g.pending.entrySet()) {
                PendingEntry pe = p.getValue();
                pending.add(new Pending(p.getKey(), pe.consumer.name, pe.deliveryTime, pe.deliveryCount));
            }
            List<ConsumerRecord> consumers = new ArrayList<>(g.consumers.size());
            for (Consumer c : g.consumers.values()) {
                consumers.add(new ConsumerRecord(c.name, c.seenTime));
            }
            out.add(new Group(g.name(), g.lastId, g.entriesRead, pending, consumers));
        }
        return out;
    }

    /**
     * Rebuilds a stream. Returns null with no side effect beyond the message when the records are
     * inconsistent: {@code problem[0]} then says why (the caller reports a format error).
     */
    public static StreamValue build(List<Node> nodes, long length, StreamId lastId, StreamId maxDeletedId,
                                    long entriesAdded, List<Group> groups, String[] problem) {
        StreamValue s = new StreamValue();
        StreamId previous = null;
        for (Node node : nodes) {
            StreamValue.Node n = new StreamValue.Node();
            n.masterFields = node.masterFields();
            int numFields = node.masterFields().length;
            n.lpOther = Listpack.HEADER_AND_END + Listpack.intEntrySize(numFields) + Listpack.intEntrySize(0);
            for (byte[] f : node.masterFields()) {
                n.lpOther += Listpack.stringEntrySize(f);
            }
            boolean anyLive = false;
            for (Entry e : node.entries()) {
                if (previous != null && e.id().compareTo(previous) <= 0) {
                    problem[0] = "stream entry IDs are not ascending";
                    return null;
                }
                previous = e.id();
                byte[][] fv = e.deleted() ? new byte[0][] : e.fieldsAndValues();
                n.lpOther += Listpack.streamEntrySize(e.id(), node.master(), fv, node.masterFields());
                n.append(e.id().ms(), e.id().seq(), e.deleted() ? null : fv);
                if (e.deleted()) {
                    n.deleted[n.size - 1] = true;
                    n.live--;
                } else {
                    anyLive = true;
                }
            }
            if (!anyLive) {
                problem[0] = "stream node without live entries";
                return null;
            }
            s.putLoadedNode(node.master(), n);
        }
        if (s.length() != length) {
            problem[0] = "stream length " + length + " does not match its " + s.length() + " entries";
            return null;
        }
        s.lastId(lastId);
        s.maxDeletedId(maxDeletedId);
        s.entriesAdded(entriesAdded);
        for (Group gr : groups) {
            // Long.MIN_VALUE: a version 1 file carries no entries-read; estimate it as Redis does on load
            long entriesRead = gr.entriesRead() == Long.MIN_VALUE
                    ? s.estimateDistanceFromFirstEverEntry(gr.lastId()) : gr.entriesRead();
            ConsumerGroup g = new ConsumerGroup(gr.name(), gr.lastId(), entriesRead);
            for (ConsumerRecord c : gr.consumers()) {
                if (g.consumers.put(c.name(), new Consumer(c.name(), c.seenTime())) != null) {
                    problem[0] = "duplicate stream consumer";
                    return null;
                }
            }
            for (Pending p : gr.pending()) {
                Consumer owner = p.consumer() == null ? null : g.consumers.get(p.consumer());
                if (owner == null) {
                    problem[0] = "stream pending entry without an owning consumer";
                    return null;
                }
                PendingEntry pe = new PendingEntry(owner, p.deliveryTime());
                pe.deliveryCount = p.deliveryCount();
                if (g.pending.put(p.id(), pe) != null) {
                    problem[0] = "duplicate stream pending entry";
                    return null;
                }
                owner.pending.put(p.id(), pe);
            }
            if (!s.addGroup(g)) {
                problem[0] = "duplicate stream consumer group";
                return null;
            }
        }
        return s;
    }

    static boolean sameFields(byte[][] fv, byte[][] masterFields) {
        if (fv.length != 2 * masterFields.length) {
            return false;
        }
        for (int i = 0; i < masterFields.length; i++) {
            if (!Arrays.equals(fv[2 * i], masterFields[i])) {
                return false;
            }
        }
        return true;
    }

    /** Whether an entry's field names are its node's master fields (Redis's SAMEFIELDS flag). */
    public static boolean sameFieldsAsMaster(byte[][] fv, byte[][] masterFields) {
        return sameFields(fv, masterFields);
    }
}
