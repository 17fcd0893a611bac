package io.redoubt.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redoubt.cluster.api.Commit;
import io.redoubt.cluster.api.Rejection;

/**
 * A transaction's outcome as the state machine's reply message, carried from the peer that applied it to
 * the proposer (possibly another version during a rolling upgrade, hence the format version too).
 */
final class ReplyCodec {
    static final int FORMAT = 1;

    private ReplyCodec() {}

    static byte[] encode(Commit commit) {
        ObjectNode doc = JsonBytes.document(FORMAT);
        switch (commit) {
            case Commit.Applied a -> {
                ObjectNode o = doc.putObject("applied").put("revision", a.revision());
                o.set("uids", ManagedObjectJson.longs(a.uids()));
            }
            case Commit.Rejected r -> doc.putObject("rejected")
                    .put("current_revision", r.currentRevision())
                    .put("reason", r.rejection().reason().reName())
                    .put("change_index", r.rejection().changeIndex())
                    .put("message", r.rejection().message());
        }
        return JsonBytes.write(doc);
    }

    static Commit decode(byte[] bytes) {
        JsonFields doc = JsonBytes.read(bytes, "reply", FORMAT);
        if (doc.has("applied")) {
            JsonFields a = new JsonFields(doc.node("applied"), "reply applied");
            return new Commit.Applied(a.longValue("revision"), a.longs("uids"));
        }
        JsonFields r = new JsonFields(doc.node("rejected"), "reply rejected");
        return ManagedObjectJson.valid("reply", () -> new Commit.Rejected(r.longValue("current_revision"),
                new Rejection(Rejection.Reason.of(r.text("reason")), r.intValue("change_index"), r.text("message"))));
    }
}
