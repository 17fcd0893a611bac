package io.redoubt.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Events survive their JSON line; the line is one line of ASCII whatever the fields hold. */
class SecurityEventTest {
    @Test
    void roundTripsThroughJsonWithAwkwardText() {
        SecurityEvent e = new SecurityEvent(Instant.parse("2026-12-03T10:00:00.5Z"), EventType.AUTH_FAILURE, "ålice",
                "10.0.0.1:5000", "user \"x\"", Outcome.FAILURE, "line\nbreak\ttab \\ end");
        String json = e.toJson();
        assertThat(json).doesNotContain("\n").matches("\\p{ASCII}+")
                .startsWith("{\"time\":\"2026-12-03T10:00:00.500Z\",\"type\":\"auth.failure\"");
        assertThat(SecurityEvent.fromJson(json)).isEqualTo(e);
    }

    @Test
    void nullFieldsAreLeftOutAndActorDefaultsToSystem() {
        SecurityEvent e = new SecurityEvent(Instant.EPOCH, EventType.SERVER_START, null, null, null,
                Outcome.SUCCESS, null);
        assertThat(e.toJson()).isEqualTo("{\"time\":\"1970-01-01T00:00:00Z\",\"type\":\"server.start\","
                + "\"actor\":\"system\",\"outcome\":\"success\"}");
        assertThat(SecurityEvent.fromJson(e.toJson())).isEqualTo(e);
    }

    @Test
    void damagedLinesAreRefused() {
        assertThatThrownBy(() -> SecurityEvent.fromJson("{\"time\":\"1970-01-01T00:00:00Z\",\"type\":\"server.st"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecurityEvent.fromJson("{\"type\":\"nope\"}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
