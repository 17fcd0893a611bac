package io.redoubt.engine.bitmaps;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BitFieldTest {

    @Test
    void fieldsAreReadAndWrittenMostSignificantBitFirst() {
        byte[] p = new byte[3];
        BitField.set(p, 4, 8, 0xab);
        assertThat(p).containsExactly(0x0a, (byte) 0xb0, 0);
        assertThat(BitField.getUnsigned(p, 4, 8)).isEqualTo(0xab);
        assertThat(BitField.getSigned(p, 4, 8)).isEqualTo((byte) 0xab);
        assertThat(BitField.getUnsigned(p, 20, 8)).as("past the end reads zeros").isEqualTo(0);
    }

    @Test
    void overflowWrapsSaturatesOrFails() {
        long[] limit = new long[1];
        assertThat(BitField.signedOverflow(100, 100, 8, BitField.WRAP, limit)).isTrue();
        assertThat(limit[0]).isEqualTo(-56);
        assertThat(BitField.signedOverflow(100, 100, 8, BitField.SAT, limit)).isTrue();
        assertThat(limit[0]).isEqualTo(127);
        assertThat(BitField.unsignedOverflow(3, -5, 8, BitField.SAT, limit)).isTrue();
        assertThat(limit[0]).isZero();
        assertThat(BitField.unsignedOverflow(250, 10, 8, BitField.WRAP, limit)).isTrue();
        assertThat(limit[0]).isEqualTo(4);
        assertThat(BitField.signedOverflow(Long.MAX_VALUE, 1, 64, BitField.FAIL, limit)).isTrue();
        assertThat(BitField.signedOverflow(5, -3, 8, BitField.FAIL, limit)).isFalse();
    }
}
