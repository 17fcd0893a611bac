package io.redoubt.cluster.api;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * One immutable snapshot of everything the control plane manages. Maps are sorted by uid (certificates by
 * name), so two states with the same content iterate, print and compare the same on every peer.
 *
 * @param revision the log index of the last transaction that changed the state (0 before the first); a
 *        proposal made against this snapshot passes it as its expected revision
 * @param settings the cluster object; empty until the cluster is created
 * @param nextUids the uid each kind's next allocation gets
 */
public record ClusterState(long revision, Optional<ClusterSettings> settings, SortedMap<Long, Node> nodes,
        SortedMap<Long, Database> databases, SortedMap<Long, User> users, SortedMap<Long, Role> roles,
        SortedMap<Long, RedisAcl> redisAcls, Map<CertificateName, Certificate> certificates, NextUids nextUids) {

    /** A store that never applied anything: no cluster yet. */
    public static final ClusterState EMPTY = new ClusterState(0, Optional.empty(), new TreeMap<>(), new TreeMap<>(),
            new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), Map.of(), NextUids.FIRST);

    public ClusterState {
        if (revision < 0) {
            throw new IllegalArgumentException("revision must not be negative: " + revision);
        }
        Objects.requireNonNull(settings, "settings");
        nodes = frozen(nodes, Node::uid);
        databases = frozen(databases, Database::uid);
        users = frozen(users, User::uid);
        roles = frozen(roles, Role::uid);
        redisAcls = frozen(redisAcls, RedisAcl::uid);
        EnumMap<CertificateName, Certificate> certs = new EnumMap<>(CertificateName.class);
        certs.putAll(certificates);
        certs.forEach((name, cert) -> {
            if (cert.name() != name) {
                throw new IllegalArgumentException("certificate " + cert.name().reName() + " filed under " + name.reName());
            }
        });
        certificates = Collections.unmodifiableMap(certs);
        Objects.requireNonNull(nextUids, "next uids");
    }

    private static <T> SortedMap<Long, T> frozen(Map<Long, T> objects, ToLongFunction<T> uid) {
        TreeMap<Long, T> copy = new TreeMap<>(objects);
        copy.forEach((key, object) -> {
            if (key < 1 || uid.applyAsLong(object) != key) {
                throw new IllegalArgumentException("object " + object + " filed under uid " + key);
            }
        });
        return Collections.unmodifiableSortedMap(copy);
    }

    /** Whether the cluster has been created (bootstrap done). */
    public boolean created() {
        return settings.isPresent();
    }

    public Optional<Node> node(long uid) {
        return Optional.ofNullable(nodes.get(uid));
    }

    public Optional<Database> database(long uid) {
        return Optional.ofNullable(databases.get(uid));
    }

    public Optional<User> user(long uid) {
        return Optional.ofNullable(users.get(uid));
    }

    public Optional<Role> role(long uid) {
        return Optional.ofNullable(roles.get(uid));
    }

    public Optional<RedisAcl> redisAcl(long uid) {
        return Optional.ofNullable(redisAcls.get(uid));
    }

    public Optional<Certificate> certificate(CertificateName name) {
        return Optional.ofNullable(certificates.get(name));
    }

    public Optional<Database> databaseNamed(String name) {
        return named(databases, name);
    }

    public Optional<User> userNamed(String name) {
        return named(users, name);
    }

    public Optional<Role> roleNamed(String name) {
        return named(roles, name);
    }

    public Optional<RedisAcl> redisAclNamed(String name) {
        return named(redisAcls, name);
    }

    private static <T extends Named> Optional<T> named(Map<Long, T> objects, String name) {
        return objects.values().stream().filter(o -> o.name().equals(name)).findFirst();
    }
}
