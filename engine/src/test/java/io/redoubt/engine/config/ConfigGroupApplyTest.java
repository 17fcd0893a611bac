package io.redoubt.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parameters applied together (the TLS files): once per change, after every value is in place, or not at all. */
class ConfigGroupApplyTest {
    private final ConfigRegistry registry = new ConfigRegistry();
    private final List<String> applied = new ArrayList<>();

    ConfigGroupApplyTest() {
        ConfigParameter.GroupApplier pair = () -> {
            String cert = registry.get("cert");
            String key = registry.get("key");
            if (!cert.equals(key)) {
                throw new ConfigException("key " + key + " does not match cert " + cert);
            }
            applied.add(cert);
        };
        registry.register(ConfigParameter.builder("cert").defaultValue("a").type(ConfigTypes.string())
                .onChangeTogether(pair).build());
        registry.register(ConfigParameter.builder("key").defaultValue("a").type(ConfigTypes.string())
                .onChangeTogether(pair).build());
    }

    @Test
    void appliesTheGroupOnceWithAllNewValues() throws Exception {
        registry.setAll(List.of("cert", "b", "key", "b"), true);
        assertThat(applied).containsExactly("b");
        assertThat(registry.get("cert")).isEqualTo("b");
    }

    @Test
    void failureRestoresEveryValue() {
        assertThatThrownBy(() -> registry.setAll(List.of("cert", "c"), true))
                .isInstanceOf(ConfigRegistry.SetFailure.class).hasMessage("key a does not match cert c");
        assertThat(registry.get("cert")).isEqualTo("a");
        assertThatThrownBy(() -> registry.set("key", List.of("z"))).hasMessage("key z does not match cert a");
        assertThat(registry.get("key")).isEqualTo("a");
        assertThat(applied).isEmpty();
    }
}
