package io.redoubt.engine.hyperloglog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HyperLogLogTest {

    @Test
    void anEmptyHllIsEighteenSparseBytes() {
        byte[] b = HyperLogLog.create().bytes();
        assertThat(b).hasSize(18);
        assertThat(new String(b, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("HYLL");
        assertThat(HyperLogLog.isValid(b)).isTrue();
        assertThat(HyperLogLog.of(b).decode()).isEqualTo("Z:16384");
    }

    @Test
    void sparseAndDenseFormsCountTheSame() {
        HyperLogLog sparse = HyperLogLog.create();
        HyperLogLog dense = HyperLogLog.create();
        assertThat(dense.toDense()).isTrue();
        for (int i = 0; i < 500; i++) {
            byte[] e = ("element" + i).getBytes(StandardCharsets.US_ASCII);
            sparse.add(e, Integer.MAX_VALUE);
            dense.add(e, Integer.MAX_VALUE);
        }
        assertThat(sparse.encoding()).isEqualTo(HyperLogLog.SPARSE);
        long count = HyperLogLog.count(sparse.histogram());
        assertThat(count).isEqualTo(HyperLogLog.count(dense.histogram())).isBetween(480L, 520L);
        assertThat(sparse.toDense()).isTrue();
        // Registers agree; only the sparse path has marked the cached cardinality stale on the way.
        assertThat(Arrays.copyOfRange(sparse.bytes(), HyperLogLog.HEADER, HyperLogLog.DENSE_SIZE))
                .isEqualTo(Arrays.copyOfRange(dense.bytes(), HyperLogLog.HEADER, HyperLogLog.DENSE_SIZE));
    }

    @Test
    void aSmallSparseLimitPromotesToDense() {
        HyperLogLog h = HyperLogLog.create();
        for (int i = 0; i < 100; i++) {
            h.add(("x" + i).getBytes(StandardCharsets.US_ASCII), 40);
        }
        assertThat(h.encoding()).isEqualTo(HyperLogLog.DENSE);
        assertThat(h.bytes()).hasSize(HyperLogLog.DENSE_SIZE);
    }
}
