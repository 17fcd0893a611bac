package io.redoubt.dataplane;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** The connected clients, in connection order; used on the shard thread. */
public final class ClientRegistry {
    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<Long, Session> sessions = new LinkedHashMap<>();

    long nextId() {
        return nextId.getAndIncrement();
    }

    void add(Session s) {
        sessions.put(s.id(), s);
    }

    void remove(Session s) {
        sessions.remove(s.id());
    }

    public Session byId(long id) {
        return sessions.get(id);
    }

    public int size() {
        return sessions.size();
    }

    public List<Session> all() {
        return new ArrayList<>(sessions.values());
    }
}
