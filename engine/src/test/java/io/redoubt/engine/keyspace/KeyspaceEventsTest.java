package io.redoubt.engine.keyspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyspaceEventsTest {

    @Test
    void parseAndFormatAsRedis() {
        assertThat(KeyspaceEvents.format(KeyspaceEvents.parse("KEA"))).isEqualTo("AKE");
        assertThat(KeyspaceEvents.format(KeyspaceEvents.parse("g$lshzxetd"))).isEqualTo("A");
        assertThat(KeyspaceEvents.format(KeyspaceEvents.parse("KEAmnd"))).isEqualTo("AKEm");
        assertThat(KeyspaceEvents.format(KeyspaceEvents.parse("$nK"))).isEqualTo("$nK");
        assertThat(KeyspaceEvents.format(KeyspaceEvents.parse("md"))).isEqualTo("dm");
        assertThat(KeyspaceEvents.format(KeyspaceEvents.parse(""))).isEmpty();
        assertThat(KeyspaceEvents.parse("KEA!")).isEqualTo(-1);
        assertThat(KeyspaceEvents.parse("a")).isEqualTo(-1);
        // n stays on next to A although the canonical form does not show it
        assertThat(KeyspaceEvents.parse("AnK") & EventClass.NEW.mask).isNotZero();
    }

    @Test
    void publishesOnTheChannelsOfEnabledKinds() {
        Shard shard = new Shard(0, 16, InstantSource.system(), ShardSettings.DEFAULT);
        List<String> published = new ArrayList<>();
        shard.events().deliverTo((channel, message) -> published.add(
                new String(channel, StandardCharsets.UTF_8) + " " + new String(message, StandardCharsets.UTF_8)));
        Keyspace db = shard.db(7);
        db.notify(EventClass.STRING, "set", bytes("k"));
        assertThat(published).isEmpty();

        shard.events().flags(KeyspaceEvents.parse("KE$"));
        db.notify(EventClass.STRING, "set", bytes("k"));
        db.notify(EventClass.LIST, "lpush", bytes("k"));
        assertThat(published).containsExactly("__keyspace@7__:k set", "__keyevent@7__:set k");

        published.clear();
        shard.events().flags(KeyspaceEvents.parse("En"));
        db.put(bytes("fresh"), bytes("v"));
        db.put(bytes("fresh"), bytes("w"));
        assertThat(published).containsExactly("__keyevent@7__:new fresh");

        published.clear();
        shard.events().flags(KeyspaceEvents.parse("Km"));
        assertThat(db.lookupRead(bytes("missing"), true)).isNull();
        assertThat(db.lookupRead(bytes("missing"), true, false)).isNull();
        assertThat(published).containsExactly("__keyspace@7__:missing keymiss");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
