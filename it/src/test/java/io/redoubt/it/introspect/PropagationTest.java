package io.redoubt.it.introspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.engine.command.CommandFlag;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.Propagation;
import io.redoubt.testkit.SharedServers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A write whose effect replay could not reproduce from the request alone must say how it propagates:
 * blocking writes are served at a time replay does not know, and writes Redis marks
 * {@code nondeterministic_output} (SPOP, XCLAIM, ...) depend on chance or on the clock. A new command
 * of either kind left {@link Propagation#AS_SENT} fails here before its AOF or replica diverges.
 */
class PropagationTest {

    @Test
    void writesThatReplayCannotReproduceDoNotPropagateAsSent() {
        List<String> asSent = new ArrayList<>();
        for (CommandSpec spec : SharedServers.redoubt().context().commands().allSpecs()) {
            boolean write = spec.has(CommandFlag.WRITE);
            boolean unreproducible = spec.has(CommandFlag.BLOCKING) || spec.tips().contains("nondeterministic_output");
            if (write && unreproducible && spec.propagation() == Propagation.AS_SENT) {
                asSent.add(spec.fullName());
            }
        }
        assertThat(asSent).as("writes that must record their effects, not the request").isEmpty();
    }

    @Test
    void relativeExpiriesAndAutomaticIdsAreRecordedAbsolutely() {
        var table = SharedServers.redoubt().context().commands();
        for (String name : new String[] {"set", "setex", "psetex", "getex", "expire", "pexpire", "restore"}) {
            assertThat(table.lookup(name).propagation()).as(name).isEqualTo(Propagation.AS_SENT_WITH_ABSOLUTE_EXPIRY);
        }
        assertThat(table.lookup("xadd").propagation()).isEqualTo(Propagation.AS_RESOLVED_STREAM_WRITE);
    }
}
