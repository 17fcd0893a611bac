package io.redoubt.resp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * Any argument vector, encoded as a client would and cut into arbitrary pieces, parses back unchanged.
 * Each repetition uses its own fixed seed, so a failure names the seed that reproduces it.
 */
class RoundTripTest {

    @RepeatedTest(300)
    void multibulkRoundTrips(RepetitionInfo repetition) throws Exception {
        long seed = 0x5eed0000L + repetition.getCurrentRepetition();
        SplittableRandom random = new SplittableRandom(seed);
        int count = 1 + random.nextInt(12);
        List<byte[]> args = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] a = new byte[random.nextInt(300)];
            for (int j = 0; j < a.length; j++) {
                a[j] = (byte) random.nextInt(256);
            }
            args.add(a);
        }
        int chunk = 1 + random.nextInt(64);

        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(("*" + args.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] a : args) {
            wire.writeBytes(("$" + a.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            wire.writeBytes(a);
            wire.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        byte[] bytes = wire.toByteArray();
        RequestParser parser = new RequestParser(RespLimits.DEFAULT);
        parser.authenticated(true);
        List<byte[][]> parsed = new ArrayList<>();
        ByteBuf cumulation = Unpooled.buffer();
        for (int i = 0; i < bytes.length; i += chunk) {
            cumulation.writeBytes(bytes, i, Math.min(chunk, bytes.length - i));
            parser.parse(cumulation, argv -> parsed.add(argv));
            cumulation.discardReadBytes();
        }
        assertThat(parsed).as("seed %d", seed).hasSize(1);
        assertThat(parsed.get(0)).as("seed %d", seed).isDeepEqualTo(args.toArray(new byte[0][]));
    }
}
