package io.redoubt.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redoubt.engine.config.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputBufferLimitsTest {

    @Test
    void mergesNamedClassesIntoTheCurrentValueAsRedisDoes() throws ConfigException {
        String v = OutputBufferLimits.merge(OutputBufferLimits.DEFAULT_TEXT, List.of("normal", "1mb", "2", "3"));
        assertThat(v).isEqualTo("normal 1048576 2 3 slave 268435456 67108864 60 pubsub 33554432 8388608 60");
        OutputBufferLimits limits = OutputBufferLimits.parse(v);
        assertThat(limits.normal()).isEqualTo(new OutputBufferLimits.Limit(1048576, 2, 3));
        assertThat(OutputBufferLimits.merge(v, List.of("replica 1 1 1 pubsub 0 0 0")))
                .isEqualTo("normal 1048576 2 3 slave 1 1 1 pubsub 0 0 0");
    }

    @Test
    void rejectsWithRedisMessages() {
        String d = OutputBufferLimits.DEFAULT_TEXT;
        assertThatThrownBy(() -> OutputBufferLimits.merge(d, List.of("normal", "1mb", "2mb")))
                .hasMessage("Wrong number of arguments in buffer limit configuration.");
        assertThatThrownBy(() -> OutputBufferLimits.merge(d, List.of("foo", "1", "2", "3")))
                .hasMessage("Invalid client class specified in buffer limit configuration.");
        assertThatThrownBy(() -> OutputBufferLimits.merge(d, List.of("normal", "x", "2", "3")))
                .hasMessage("Error in hard, soft or soft_seconds setting in buffer limit configuration.");
    }

    @Test
    void hardLimitAtOnceSoftLimitAfterItsSeconds() {
        OutputBufferLimits.Limit l = new OutputBufferLimits.Limit(1000, 100, 2);
        assertThat(l.exceeded(1000, 0, 0)).isTrue();
        assertThat(l.exceeded(500, 0, 10_000)).isFalse();
        assertThat(l.exceeded(500, 10_000, 11_999)).isFalse();
        assertThat(l.exceeded(500, 10_000, 12_000)).isTrue();
        assertThat(OutputBufferLimits.Limit.NONE.exceeded(Long.MAX_VALUE, 1, Long.MAX_VALUE)).isFalse();
    }
}
