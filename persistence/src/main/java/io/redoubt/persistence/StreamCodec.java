package io.redoubt.persistence;

import io.redoubt.engine.streams.StreamId;
import io.redoubt.engine.streams.StreamImage;
import io.redoubt.engine.streams.StreamValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams in RDB form (RDB_TYPE_STREAM_LISTPACKS_2 as Redis 7.0 writes it; version 1 read too):
 * one listpack per node keyed by its 16-byte big-endian master ID, each holding the master entry
 * (live count, deleted count, field names, 0) and entries as flags, ID deltas, fields or values only
 * (SAMEFIELDS), and their element count; then length, last ID, first ID, max deleted ID, entries
 * added, and the groups with their pending entries and consumers.
 */
final class StreamCodec {
    private static final int FLAG_DELETED = 1;
    private static final int FLAG_SAMEFIELDS = 2;

    private StreamCodec() {
    }

    static void write(RdbOutput out, StreamValue s) throws IOException {
        List<StreamImage.Node> nodes = StreamImage.nodes(s);
        out.length(nodes.size());
        for (StreamImage.Node n : nodes) {
            out.string(rawId(n.master()));
            out.string(listpack(n));
        }
        out.length(s.length());
        out.length(s.lastId().ms());
        out.length(s.lastId().seq());
        StreamId first = s.firstId();
        out.length(first.ms());
        out.length(first.seq());
        out.length(s.maxDeletedId().ms());
        out.length(s.maxDeletedId().seq());
        out.length(s.entriesAdded());
        List<StreamImage.Group> groups = StreamImage.groups(s);
        out.length(groups.size());
        for (StreamImage.Group g : groups) {
            out.string(g.name());
            out.length(g.lastId().ms());
            out.length(g.lastId().seq());
            out.length(g.entriesRead());
            out.length(g.pending().size());
            Map<String, List<StreamId>> byConsumer = new HashMap<>();
            for (StreamImage.Pending p : g.pending()) {
                out.raw(rawId(p.id()));
                out.le(p.deliveryTime(), 8);
                out.length(p.deliveryCount());
                byConsumer.computeIfAbsent(key(p.consumer()), k -> new ArrayList<>()).add(p.id());
            }
            out.length(g.consumers().size());
            for (StreamImage.ConsumerRecord c : g.consumers()) {
                out.string(c.name());
                out.le(c.seenTime(), 8);
                List<StreamId> ids = byConsumer.getOrDefault(key(c.name()), List.of());
                out.length(ids.size());
                for (StreamId id : ids) {
                    out.raw(rawId(id));
                }
            }
        }
    }

    private static String key(byte[] name) {
        return new String(name, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static byte[] listpack(StreamImage.Node n) {
        Listpack lp = new Listpack();
        int live = 0;
        for (StreamImage.Entry e : n.entries()) {
            if (!e.deleted()) {
                live++;
            }
        }
        lp.add(live);
        lp.add(n.entries().size() - live);
        lp.add(n.masterFields().length);
        for (byte[] f : n.masterFields()) {
            lp.add(f);
        }
        lp.add(0);
        for (StreamImage.Entry e : n.entries()) {
            byte[][] fv = e.deleted() ? new byte[0][] : e.fieldsAndValues();
            boolean same = !e.deleted() && StreamImage.sameFieldsAsMaster(fv, n.masterFields());
            int flags = (e.deleted() ? FLAG_DELETED : 0) | (same ? FLAG_SAMEFIELDS : 0);
            lp.add(flags);
            lp.add(e.id().ms() - n.master().ms());
            lp.add(e.id().seq() - n.master().seq());
            int fields = fv.length / 2;
            if (same) {
                for (int i = 0; i < fields; i++) {
                    lp.add(fv[2 * i + 1]);
                }
                lp.add(fields + 3);
            } else {
                lp.add(fields);
                for (byte[] x : fv) {
                    lp.add(x);
                }
                lp.add(2L * fields + 4);
            }
        }
        return lp.bytes();
    }

    static byte[] rawId(StreamId id) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (id.ms() >>> (56 - 8 * i));
            b[8 + i] = (byte) (id.seq() >>> (56 - 8 * i));
        }
        return b;
    }

    static StreamId parseRawId(byte[] b) {
        if (b.length != 16) {
            throw new RdbFormatException("stream ID is " + b.length + " bytes, not 16");
        }
        long ms = 0;
        long seq = 0;
        for (int i = 0; i < 8; i++) {
            ms = (ms << 8) | (b[i] & 0xff);
            seq = (seq << 8) | (b[8 + i] & 0xff);
        }
        return new StreamId(ms, seq);
    }

    static StreamValue read(RdbInput in, boolean v2) throws IOException {
        int nodeCount = in.count();
        List<StreamImage.Node> nodes = new ArrayList<>(Math.min(nodeCount, 1024));
        for (int i = 0; i < nodeCount; i++) {
            StreamId master = parseRawId(in.string());
            byte[] lp = in.string();
            nodes.add(parseNode(master, Listpack.decode(lp)));
        }
        long length = in.length();
        StreamId lastId = new StreamId(in.length(), in.length());
        StreamId maxDeleted = StreamId.ZERO;
        long entriesAdded = length;
        if (v2) {
            in.length();
            in.length();     // first ID: recomputed from the entries
            maxDeleted = new StreamId(in.length(), in.length());
            entriesAdded = in.length();
        }
        int groupCount = in.count();
        List<StreamImage.Group> groups = new ArrayList<>();
        for (int g = 0; g < groupCount; g++) {
            byte[] name = in.string();
            StreamId groupLast = new StreamId(in.length(), in.length());
            long entriesRead = v2 ? in.length() : Long.MIN_VALUE;
            int pelSize = in.count();
            Map<StreamId, long[]> pel = new java.util.LinkedHashMap<>();
            for (int p = 0; p < pelSize; p++) {
                byte[] raw = new byte[16];
                in.readFully(raw, 0, 16);
                long delivery = in.le(8);
                long count = in.length();
                if (pel.put(parseRawId(raw), new long[] {delivery, count}) != null) {
                    throw new RdbFormatException("duplicated global PEL entry loading stream consumer group");
                }
            }
            int consumerCount = in.count();
            List<StreamImage.ConsumerRecord> consumers = new ArrayList<>();
            Map<StreamId, byte[]> owners = new HashMap<>();
            for (int c = 0; c < consumerCount; c++) {
                byte[] cname = in.string();
                long seen = in.le(8);
                consumers.add(new StreamImage.ConsumerRecord(cname, seen));
                int owned = in.count();
                for (int k = 0; k < owned; k++) {
                    byte[] raw = new byte[16];
                    in.readFully(raw, 0, 16);
                    StreamId id = parseRawId(raw);
                    if (!pel.containsKey(id)) {
                        throw new RdbFormatException("consumer PEL entry not found in group global PEL");
                    }
                    if (owners.put(id, cname) != null) {
                        throw new RdbFormatException("duplicated consumer PEL entry loading a stream consumer group");
                    }
                }
            }
            List<StreamImage.Pending> pending = new ArrayList<>();
            for (Map.Entry<StreamId, long[]> p : pel.entrySet()) {
                pending.add(new StreamImage.Pending(p.getKey(), owners.get(p.getKey()), p.getValue()[0], p.getValue()[1]));
            }
            groups.add(new StreamImage.Group(name, groupLast, entriesRead, pending, consumers));
        }
        String[] problem = new String[1];
        StreamValue s = StreamImage.build(nodes, length, lastId, maxDeleted, entriesAdded, groups, problem);
        if (s == null) {
            throw new RdbFormatException(problem[0]);
        }
        return s;
    }

    private static StreamImage.Node parseNode(StreamId master, List<byte[]> lp) {
        int[] at = {0};
        long live = integer(lp, at);
        long deleted = integer(lp, at);
        long numFields = integer(lp, at);
        if (numFields < 0 || numFields > lp.size()) {
            throw new RdbFormatException("stream master entry field count out of range");
        }
        byte[][] masterFields = new byte[(int) numFields][];
        for (int i = 0; i < numFields; i++) {
            masterFields[i] = element(lp, at);
        }
        if (integer(lp, at) != 0) {
            throw new RdbFormatException("stream master entry without its zero terminator");
        }
        if (live + deleted <= 0 || live + deleted > lp.size()) {
            throw new RdbFormatException("stream node entry counts out of range");
        }
        List<StreamImage.Entry> entries = new ArrayList<>();
        long seenDeleted = 0;
        for (long e = 0; e < live + deleted; e++) {
            long flags = integer(lp, at);
            long ms = master.ms() + integer(lp, at);
            long seq = master.seq() + integer(lp, at);
            boolean same = (flags & FLAG_SAMEFIELDS) != 0;
            boolean isDeleted = (flags & FLAG_DELETED) != 0;
            int fields;
            byte[][] fv;
            if (same) {
                fields = masterFields.length;
                fv = new byte[2 * fields][];
                for (int i = 0; i < fields; i++) {
                    fv[2 * i] = masterFields[i];
                    fv[2 * i + 1] = element(lp, at);
                }
            } else {
                long n = integer(lp, at);
                if (n < 0 || n > lp.size()) {
                    throw new RdbFormatException("stream entry field count out of range");
                }
                fields = (int) n;
                fv = new byte[2 * fields][];
                for (int i = 0; i < 2 * fields; i++) {
                    fv[i] = element(lp, at);
                }
            }
            long lpCount = integer(lp, at);
            long expected = same ? fields + 3 : 2L * fields + 4;
            if (lpCount != expected) {
                throw new RdbFormatException("stream entry with a wrong element count");
            }
            if (isDeleted) {
                seenDeleted++;
            } else if (fields == 0) {
                throw new RdbFormatException("stream entry without fields");
            }
            entries.add(new StreamImage.Entry(new StreamId(ms, seq), isDeleted, isDeleted ? null : fv));
        }
        if (at[0] != lp.size() || seenDeleted != deleted) {
            throw new RdbFormatException("stream node listpack does not match its master entry");
        }
        return new StreamImage.Node(master, masterFields, entries);
    }

    private static byte[] element(List<byte[]> lp, int[] at) {
        if (at[0] >= lp.size()) {
            throw new RdbFormatException("stream node listpack ends too early");
        }
        return lp.get(at[0]++);
    }

    private static long integer(List<byte[]> lp, int[] at) {
        Long v = RdbStrings.parseCanonicalLong(element(lp, at), 20);
        if (v == null) {
            throw new RdbFormatException("stream node listpack holds text where a number belongs");
        }
        return v;
    }

    static boolean equalsBytes(byte[] a, byte[] b) {
        return Arrays.equals(a, b);
    }
}
