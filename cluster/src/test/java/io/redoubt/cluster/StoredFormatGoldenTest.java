package io.redoubt.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redoubt.cluster.api.Commit;
import io.redoubt.cluster.api.Rejection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins the stored formats: the committed files were written by format 1 and must decode to the same objects
 * in every later version (the log and snapshots outlive the code that wrote them), and today's encoder
 * must still write exactly them. A change here needs a new format version and a reader for the old one.
 */
class StoredFormatGoldenTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static byte[] golden(String name) throws IOException {
        try (InputStream in = StoredFormatGoldenTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden file " + name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void theFormat1EntryStillDecodes() throws IOException {
        assertThat(EntryCodec.decode(golden("entry-format-1.json"))).isEqualTo(GoldenSamples.entry());
    }

    @Test
    void entriesAreStillWrittenInFormat1() throws IOException {
        assertThat(JSON.readTree(EntryCodec.encode(GoldenSamples.entry())))
                .isEqualTo(JSON.readTree(golden("entry-format-1.json")));
    }

    @Test
    void theFormat1SnapshotStillDecodes() throws IOException {
        assertThat(SnapshotCodec.decode(golden("snapshot-format-1.json"))).isEqualTo(GoldenSamples.snapshot());
    }

    @Test
    void snapshotsAreStillWrittenInFormat1() throws IOException {
        assertThat(JSON.readTree(SnapshotCodec.encode(GoldenSamples.snapshot())))
                .isEqualTo(JSON.readTree(golden("snapshot-format-1.json")));
    }

    @Test
    void privateKeysAreStoredOnlySealed() throws IOException {
        String snapshot = new String(golden("snapshot-format-1.json"), StandardCharsets.UTF_8);
        assertThat(snapshot).contains("\"sealed_key\"").doesNotContain("PRIVATE KEY");
    }

    @Test
    void anotherFormatVersionIsRefusedNotGuessed() throws IOException {
        ObjectNode entry = (ObjectNode) JSON.readTree(golden("entry-format-1.json"));
        entry.put("format", 2);
        assertThatThrownBy(() -> EntryCodec.decode(JSON.writeValueAsBytes(entry)))
                .isInstanceOf(StoredFormatException.class).hasMessageContaining("format 2");
        ObjectNode snapshot = (ObjectNode) JSON.readTree(golden("snapshot-format-1.json"));
        snapshot.remove("format");
        assertThatThrownBy(() -> SnapshotCodec.decode(JSON.writeValueAsBytes(snapshot)))
                .isInstanceOf(StoredFormatException.class).hasMessageContaining("format");
    }

    @Test
    void unknownOpsEnumNamesAndInvalidValuesAreRefused() throws IOException {
        String entry = new String(golden("entry-format-1.json"), StandardCharsets.UTF_8);
        for (String broken : List.of(entry.replace("\"delete_node\"", "\"drop_node\""),
                entry.replace("\"allkeys-lfu\"", "\"ALLKEYS_LFU\""),
                entry.replace("\"port\" : 12000", "\"port\" : 70000"),
                entry.replace("\"memory_size\" : 268435456", "\"memory_size\" : \"big\""))) {
            assertThat(broken).isNotEqualTo(entry);
            assertThatThrownBy(() -> EntryCodec.decode(broken.getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(StoredFormatException.class);
        }
    }

    @Test
    void repliesRoundTrip() {
        Commit applied = new Commit.Applied(7, List.of(0L, 3L));
        Commit rejected = new Commit.Rejected(7, new Rejection(Rejection.Reason.PORT_IN_USE, 1, "port 1 is taken"));
        assertThat(ReplyCodec.decode(ReplyCodec.encode(applied))).isEqualTo(applied);
        assertThat(ReplyCodec.decode(ReplyCodec.encode(rejected))).isEqualTo(rejected);
    }
}
