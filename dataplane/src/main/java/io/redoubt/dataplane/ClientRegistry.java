package io.redoubt.dataplane;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The connected clients, in connection order, and how many of them have not authenticated; used on
 * the shard thread.
 */
public final class ClientRegistry {
    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<Long, Session> sessions = new LinkedHashMap<>();
    private int unauthenticated;
    private java.util.function.IntConsumer sizeListener = size -> { };

    /** Told the number of clients each time one connects or leaves (memory accounting). */
    void onSizeChange(java.util.function.IntConsumer listener) {
        sizeListener = listener;
    }

    long nextId() {
        return nextId.getAndIncrement();
    }

    void add(Session s) {
        if (sessions.put(s.id(), s) == null && !s.authenticated()) {
            unauthenticated++;
        }
        sizeListener.accept(sessions.size());
    }

    void remove(Session s) {
        if (sessions.remove(s.id()) != null && !s.authenticated()) {
            unauthenticated--;
        }
        sizeListener.accept(sessions.size());
    }

    /** Called by a session whose authentication changed, before or after it was registered. */
    void authenticationChanged(Session s, boolean authenticated) {
        if (sessions.containsKey(s.id())) {
            unauthenticated += authenticated ? -1 : 1;
        }
    }

    /** Connected clients that have not authenticated ({@code maxclients-unauthenticated-percent}). */
    public int unauthenticated() {
        return unauthenticated;
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
