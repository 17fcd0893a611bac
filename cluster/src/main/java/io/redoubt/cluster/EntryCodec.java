package io.redoubt.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redoubt.cluster.api.Change;
import io.redoubt.cluster.api.CertificateName;
import io.redoubt.cluster.api.Transaction;
import java.util.OptionalLong;

/**
 * A transaction as a Raft log entry: {@code {"format":1, "expected_revision":N?, "changes":[{"op":..., ...}]}}.
 * Entries stay in the log until a snapshot covers them and are replayed on restart, so every version must
 * read every format it ever wrote: a new field or op means format 2 and a reader for 1 kept beside it.
 */
final class EntryCodec {
    static final int FORMAT = 1;

    private EntryCodec() {}

    static byte[] encode(Transaction tx) {
        ObjectNode doc = JsonBytes.document(FORMAT);
        tx.expectedRevision().ifPresent(r -> doc.put("expected_revision", r));
        ArrayNode changes = doc.putArray("changes");
        for (Change c : tx.changes()) {
            changes.add(change(c));
        }
        return JsonBytes.write(doc);
    }

    static Transaction decode(byte[] bytes) {
        JsonFields doc = JsonBytes.read(bytes, "log entry", FORMAT);
        OptionalLong expected = doc.has("expected_revision") ? OptionalLong.of(doc.longValue("expected_revision"))
                : OptionalLong.empty();
        return ManagedObjectJson.valid("log entry",
                () -> new Transaction(doc.list("changes", EntryCodec::change), expected));
    }

    private static ObjectNode change(Change change) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        switch (change) {
            case Change.CreateCluster c -> o.put("op", "create_cluster").set("cluster", ManagedObjectJson.settings(c.settings()));
            case Change.PutClusterSettings c -> o.put("op", "put_cluster").set("cluster", ManagedObjectJson.settings(c.settings()));
            case Change.PutNode c -> o.put("op", "put_node").set("node", ManagedObjectJson.node(c.node()));
            case Change.DeleteNode c -> o.put("op", "delete_node").put("uid", c.uid());
            case Change.PutDatabase c -> o.put("op", "put_bdb").set("bdb", ManagedObjectJson.database(c.database()));
            case Change.DeleteDatabase c -> o.put("op", "delete_bdb").put("uid", c.uid());
            case Change.PutUser c -> o.put("op", "put_user").set("user", ManagedObjectJson.user(c.user()));
            case Change.DeleteUser c -> o.put("op", "delete_user").put("uid", c.uid());
            case Change.PutRole c -> o.put("op", "put_role").set("role", ManagedObjectJson.role(c.role()));
            case Change.DeleteRole c -> o.put("op", "delete_role").put("uid", c.uid());
            case Change.PutRedisAcl c -> o.put("op", "put_redis_acl").set("redis_acl", ManagedObjectJson.redisAcl(c.redisAcl()));
            case Change.DeleteRedisAcl c -> o.put("op", "delete_redis_acl").put("uid", c.uid());
            case Change.PutCertificate c -> o.put("op", "put_certificate")
                    .set("certificate", ManagedObjectJson.certificate(c.certificate()));
            case Change.DeleteCertificate c -> o.put("op", "delete_certificate").put("name", c.name().reName());
        }
        return o;
    }

    private static Change change(JsonNode json) {
        JsonFields f = new JsonFields(json, "change");
        String op = f.text("op");
        return switch (op) {
            case "create_cluster" -> new Change.CreateCluster(ManagedObjectJson.settings(f.node("cluster")));
            case "put_cluster" -> new Change.PutClusterSettings(ManagedObjectJson.settings(f.node("cluster")));
            case "put_node" -> new Change.PutNode(ManagedObjectJson.node(f.node("node")));
            case "delete_node" -> new Change.DeleteNode(f.longValue("uid"));
            case "put_bdb" -> new Change.PutDatabase(ManagedObjectJson.database(f.node("bdb")));
            case "delete_bdb" -> new Change.DeleteDatabase(f.longValue("uid"));
            case "put_user" -> new Change.PutUser(ManagedObjectJson.user(f.node("user")));
            case "delete_user" -> new Change.DeleteUser(f.longValue("uid"));
            case "put_role" -> new Change.PutRole(ManagedObjectJson.role(f.node("role")));
            case "delete_role" -> new Change.DeleteRole(f.longValue("uid"));
            case "put_redis_acl" -> new Change.PutRedisAcl(ManagedObjectJson.redisAcl(f.node("redis_acl")));
            case "delete_redis_acl" -> new Change.DeleteRedisAcl(f.longValue("uid"));
            case "put_certificate" -> new Change.PutCertificate(ManagedObjectJson.certificate(f.node("certificate")));
            case "delete_certificate" -> new Change.DeleteCertificate(
                    ManagedObjectJson.valid("delete_certificate", () -> CertificateName.of(f.text("name"))));
            default -> throw new StoredFormatException("log entry has unknown op '" + op + "'");
        };
    }
}
