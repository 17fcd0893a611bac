package io.redoubt.engine.geo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Number formats and arithmetic checked against values printed by Redis 7.0.15 and glibc. */
class GeoNumbersTest {

    @Test
    void distancesHaveFourFixedDecimalsRoundedHalfEvenAfterScaling() {
        // the cases of Redis's own fixedpoint_d2string unit test
        assertThat(GeoNumbers.distance(0.0)).isEqualTo("0.0000");
        assertThat(GeoNumbers.distance(0.0001)).isEqualTo("0.0001");
        assertThat(GeoNumbers.distance(6.0642951598391699e-05)).isEqualTo("0.0001");
        assertThat(GeoNumbers.distance(0.01)).isEqualTo("0.0100");
        assertThat(GeoNumbers.distance(-0.01)).isEqualTo("-0.0100");
        assertThat(GeoNumbers.distance(10.01)).isEqualTo("10.0100");
        assertThat(GeoNumbers.distance(166274.15156960033)).isEqualTo("166274.1516");
        assertThat(GeoNumbers.distance(0.00004)).isEqualTo("0.0000");
    }

    @Test
    void coordinatesPrintAsSeventeenFixedDecimalsWithoutTrailingZeros() {
        assertThat(GeoNumbers.coordinate(13.361389338970184)).isEqualTo("13.36138933897018433");
        assertThat(GeoNumbers.coordinate(38.115556395496299)).isEqualTo("38.11555639549629859");
        assertThat(GeoNumbers.coordinate(180.0)).isEqualTo("180");
        assertThat(GeoNumbers.coordinate(-0.5)).isEqualTo("-0.5");
        assertThat(GeoNumbers.coordinate(-1e-20)).isEqualTo("0");
    }

    @Test
    void printfFKeepsSixDecimalsAndTheSign() {
        assertThat(GeoNumbers.printfF(200)).isEqualTo("200.000000");
        assertThat(GeoNumbers.printfF(-0.0)).isEqualTo("-0.000000");
        assertThat(GeoNumbers.printfF(-1e-9)).isEqualTo("-0.000000");
        assertThat(GeoNumbers.printfF(0.0000005)).isEqualTo("0.000000"); // 5e-7 is just below the half
        assertThat(GeoNumbers.printfF(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
    }

    @Test
    void geohashScoresAreRedisScores() {
        long palermo = GeoHash.align52(GeoHash.encode(13.361389, 38.115556, 26), 26);
        assertThat(palermo).isEqualTo(3479099956230698L);
        double[] xy = GeoHash.decodeScore(palermo);
        assertThat(xy[0]).isEqualTo(13.361389338970184);
        assertThat(xy[1]).isEqualTo(38.115556395496299);
        long bits = 0b1011L;
        assertThat(GeoHash.deinterleave(GeoHash.interleave(0x1234567L, 0x2345678L))).isEqualTo(0x23456780_1234567L);
        assertThat(GeoHash.moveX(GeoHash.moveX(bits, 2, 1), 2, -1)).isEqualTo(bits);
        assertThat(GeoHash.moveY(GeoHash.moveY(bits, 2, -1), 2, 1)).isEqualTo(bits);
    }

    @Test
    void roundedMathIsCorrectlyRoundedWhereFdlibmIsNot() {
        // expected values computed with mpmath at 200 bits and rounded once
        assertThat(RoundedMath.sin(-0.24253324792129294)).isEqualTo(-0.24016250099153);
        assertThat(RoundedMath.cos(0.03666521965294178)).isEqualTo(0.9993279061324244);
        assertThat(RoundedMath.cos(1.3473802927738974)).isEqualTo(0.22156204219417394);
        assertThat(RoundedMath.asin(0.3476503916751712)).isEqualTo(0.3550640189585634);
        assertThat(RoundedMath.sin(0.0)).isEqualTo(0.0);
        assertThat(RoundedMath.cos(0.0)).isEqualTo(1.0);
        assertThat(RoundedMath.asin(1.0)).isEqualTo(StrictMath.asin(1.0));
    }

    @Test
    void partialSortOrdersTheRequestedRanks() {
        Integer[] a = new Integer[200];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextInt(50);
        }
        Integer[] sorted = a.clone();
        java.util.Arrays.sort(sorted);
        PartialQuickSort.sort(a, Integer::compare, 0, 29);
        assertThat(java.util.Arrays.copyOf(a, 30)).containsExactly(java.util.Arrays.copyOf(sorted, 30));
    }
}
