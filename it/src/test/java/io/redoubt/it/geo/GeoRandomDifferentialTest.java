package io.redoubt.it.geo;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.testkit.DifferentialTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * Seeded random geo sets and searches against Redis 7.0.15: points spread over the whole world and
 * clustered around awkward places (poles' Mercator limits, the antimeridian, the equator), searched by
 * radius and by box at every scale; replies with distances, hashes and coordinates must be identical.
 */
class GeoRandomDifferentialTest extends DifferentialTest {
    private static final double LAT_LIMIT = 85.05112878;
    private static final double[][] HOTSPOTS = {
        {0, 0}, {180, 0}, {-180, 0}, {179.99, -16.5}, {0, 85}, {0, -85}, {-60, 82}, {120, -80},
        {13.36, 38.11}, {-0.12, 51.5}, {-74, 40.7}, {151.2, -33.8}, {0, 66.5}, {90, -66.5}};
    private static final String[] UNITS = {"m", "km", "ft", "mi", "KM", "Mi"};

    @RepeatedTest(6)
    void randomSearchesMatchRedis(RepetitionInfo info) {
        SplittableRandom rnd = new SplittableRandom(7919L * info.getCurrentRepetition());
        int points = 40 + rnd.nextInt(300);
        List<String> add = new ArrayList<>(List.of("GEOADD", "g"));
        for (int i = 0; i < points; i++) {
            double[] p = point(rnd);
            add.add(fmt(p[0]));
            add.add(fmt(p[1]));
            add.add("p" + i);
        }
        same(add.toArray(new String[0]));
        same("ZRANGE", "g", "0", "-1", "WITHSCORES");
        for (int q = 0; q < 60; q++) {
            double[] c = point(rnd);
            String unit = UNITS[rnd.nextInt(UNITS.length)];
            double scale = Math.pow(10, rnd.nextInt(8)) * rnd.nextDouble();
            List<String> cmd = new ArrayList<>(List.of("GEOSEARCH", "g"));
            if (rnd.nextInt(3) == 0) {
                cmd.addAll(List.of("FROMMEMBER", "p" + rnd.nextInt(points)));
            } else {
                cmd.addAll(List.of("FROMLONLAT", fmt(c[0]), fmt(c[1])));
            }
            if (rnd.nextBoolean()) {
                cmd.addAll(List.of("BYRADIUS", fmt(scale), unit));
            } else {
                cmd.addAll(List.of("BYBOX", fmt(scale), fmt(scale * (0.2 + 2 * rnd.nextDouble())), unit));
            }
            cmd.add(rnd.nextBoolean() ? "ASC" : "DESC");
            cmd.addAll(List.of("WITHDIST", "WITHHASH", "WITHCOORD"));
            same(cmd.toArray(new String[0]));
            cmd.removeIf(a -> a.startsWith("WITH") || a.equals("ASC") || a.equals("DESC"));
            same(cmd.toArray(new String[0]));
            String a = "p" + rnd.nextInt(points);
            String b = "p" + rnd.nextInt(points);
            same("GEODIST", "g", a, b, unit);
            same("GEOPOS", "g", a, b);
            same("GEOHASH", "g", a, b);
        }
    }

    /**
     * STOREDIST keeps full precision. Redis's libm is not correctly rounded everywhere, so a stored
     * distance may differ in its last bits (asin magnifies a one-ulp difference in its argument); it
     * must never differ by more than a few ulps, and almost never at all.
     */
    @Test
    void storedDistancesAgreeToTheLastBitAlmostAlways() {
        SplittableRandom rnd = new SplittableRandom(42);
        List<String> add = new ArrayList<>(List.of("GEOADD", "g"));
        for (int i = 0; i < 1000; i++) {
            double[] p = point(rnd);
            add.add(fmt(p[0]));
            add.add(fmt(p[1]));
            add.add("p" + i);
        }
        same(add.toArray(new String[0]));
        int compared = 0;
        int exact = 0;
        for (int q = 0; q < 5; q++) {
            double[] c = point(rnd);
            String[] cmd = {"GEOSEARCHSTORE", "d", "g", "FROMLONLAT", fmt(c[0]), fmt(c[1]), "BYRADIUS", "40000", "km", "STOREDIST"};
            same(cmd);
            List<Double> theirs = scores(redis.callText("ZRANGE", "d", "0", "-1", "WITHSCORES"));
            List<Double> ours = scores(redoubt.callText("ZRANGE", "d", "0", "-1", "WITHSCORES"));
            assertThat(ours).hasSameSizeAs(theirs);
            for (int i = 0; i < theirs.size(); i++) {
                assertThat(ours.get(i)).isCloseTo(theirs.get(i), org.assertj.core.data.Offset.offset(8 * Math.ulp(theirs.get(i))));
                compared++;
                if (ours.get(i).equals(theirs.get(i))) {
                    exact++;
                }
            }
        }
        assertThat(compared).isGreaterThan(2000);
        assertThat(exact).as("bit-identical stored distances, %d of %d", exact, compared).isGreaterThan(compared * 98 / 100);
    }

    /** Every second element of a WITHSCORES reply, parsed. */
    private static List<Double> scores(String reply) {
        String[] lines = reply.split("\r\n");
        List<Double> out = new ArrayList<>();
        for (int i = 4; i < lines.length; i += 4) {
            out.add(Double.parseDouble(lines[i]));
        }
        return out;
    }

    private static double[] point(SplittableRandom rnd) {
        if (rnd.nextInt(3) == 0) {
            return new double[] {rnd.nextDouble(-180, 180), rnd.nextDouble(-LAT_LIMIT, LAT_LIMIT)};
        }
        double[] h = HOTSPOTS[rnd.nextInt(HOTSPOTS.length)];
        double spread = Math.pow(10, -rnd.nextInt(6));
        double lon = Math.max(-180, Math.min(180, h[0] + rnd.nextDouble(-spread, spread)));
        double lat = Math.max(-LAT_LIMIT, Math.min(LAT_LIMIT, h[1] + rnd.nextDouble(-spread, spread)));
        return new double[] {lon, lat};
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.9f", v);
    }
}
