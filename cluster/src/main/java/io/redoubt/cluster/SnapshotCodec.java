package io.redoubt.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redoubt.cluster.api.Certificate;
import io.redoubt.cluster.api.CertificateName;
import io.redoubt.cluster.api.ClusterState;
import io.redoubt.cluster.api.Database;
import io.redoubt.cluster.api.NextUids;
import io.redoubt.cluster.api.Node;
import io.redoubt.cluster.api.RedisAcl;
import io.redoubt.cluster.api.Role;
import io.redoubt.cluster.api.User;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The whole cluster state as a snapshot file: {@code {"format":1, "revision":N, "next_uids":{...},
 * "cluster":{...}?, "nodes":[...], "bdbs":[...], "users":[...], "roles":[...], "redis_acls":[...],
 * "certificates":[...]}}. Restart loads the newest snapshot and replays the log after it, so old snapshot
 * formats must stay readable as entries must.
 */
final class SnapshotCodec {
    static final int FORMAT = 1;

    private SnapshotCodec() {}

    static byte[] encode(ClusterState s) {
        ObjectNode doc = JsonBytes.document(FORMAT);
        doc.put("revision", s.revision());
        NextUids n = s.nextUids();
        doc.putObject("next_uids").put("node", n.node()).put("bdb", n.database()).put("user", n.user())
                .put("role", n.role()).put("redis_acl", n.redisAcl());
        s.settings().ifPresent(c -> doc.set("cluster", ManagedObjectJson.settings(c)));
        array(doc.putArray("nodes"), s.nodes(), ManagedObjectJson::node);
        array(doc.putArray("bdbs"), s.databases(), ManagedObjectJson::database);
        array(doc.putArray("users"), s.users(), ManagedObjectJson::user);
        array(doc.putArray("roles"), s.roles(), ManagedObjectJson::role);
        array(doc.putArray("redis_acls"), s.redisAcls(), ManagedObjectJson::redisAcl);
        array(doc.putArray("certificates"), s.certificates(), ManagedObjectJson::certificate);
        return JsonBytes.write(doc);
    }

    static ClusterState decode(byte[] bytes) {
        JsonFields doc = JsonBytes.read(bytes, "snapshot", FORMAT);
        JsonFields n = new JsonFields(doc.node("next_uids"), "snapshot next_uids");
        NextUids next = ManagedObjectJson.valid("next_uids", () -> new NextUids(n.longValue("node"), n.longValue("bdb"),
                n.longValue("user"), n.longValue("role"), n.longValue("redis_acl")));
        EnumMap<CertificateName, Certificate> certificates =
                new EnumMap<>(CertificateName.class);
        doc.list("certificates", ManagedObjectJson::certificate).forEach(c -> certificates.put(c.name(), c));
        return ManagedObjectJson.valid("snapshot", () -> new ClusterState(doc.longValue("revision"),
                doc.has("cluster") ? Optional.of(ManagedObjectJson.settings(doc.node("cluster"))) : Optional.empty(),
                byUid(doc, "nodes", ManagedObjectJson::node, Node::uid),
                byUid(doc, "bdbs", ManagedObjectJson::database, Database::uid),
                byUid(doc, "users", ManagedObjectJson::user, User::uid),
                byUid(doc, "roles", ManagedObjectJson::role, Role::uid),
                byUid(doc, "redis_acls", ManagedObjectJson::redisAcl, RedisAcl::uid),
                certificates, next));
    }

    private static <T> void array(ArrayNode into, Map<?, T> objects, Function<T, ObjectNode> encode) {
        objects.values().forEach(o -> into.add(encode.apply(o)));
    }

    private static <T> TreeMap<Long, T> byUid(JsonFields doc, String field,
            Function<JsonNode, T> decode, ToLongFunction<T> uid) {
        TreeMap<Long, T> out = new TreeMap<>();
        for (T o : doc.list(field, decode)) {
            if (out.put(uid.applyAsLong(o), o) != null) {
                throw new StoredFormatException("snapshot " + field + " holds uid " + uid.applyAsLong(o) + " twice");
            }
        }
        return out;
    }
}
