package io.redoubt.engine.geo;

import io.redoubt.engine.zsets.SortedSetValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the members of a geo set inside a {@link GeoShape} the way Redis does: pick a geohash step
 * from the radius so the area fits in the centre cell and its eight neighbours, drop neighbours the
 * area cannot reach, read each remaining cell as a score range of the sorted set, and keep the points
 * actually inside the shape. Visiting cells in Redis's order matters: it decides which points ANY
 * returns and the order of unsorted replies.
 */
final class GeoSearch {
    private static final double MERCATOR_MAX = 20037726.37;

    /** One point found: its member, stored score, decoded position and distance in meters. */
    record Point(byte[] member, double score, double longitude, double latitude, double distance) {
    }

    private GeoSearch() {
    }

    /** The step whose cells are about as large as the search radius (Redis's estimate, poles widened). */
    static int estimateSteps(double rangeMeters, double lat) {
        if (rangeMeters == 0) {
            return 26;
        }
        int step = 1;
        while (rangeMeters < MERCATOR_MAX) {
            rangeMeters *= 2;
            step++;
        }
        step -= 2;
        if (lat > 66 || lat < -66) {
            step--;
            if (lat > 80 || lat < -80) {
                step--;
            }
        }
        return Math.max(1, Math.min(26, step));
    }

    /**
     * The nine cells to read, in Redis's order (centre, N, S, E, W, NE, NW, SE, SW), each as
     * {@code {bits, step}}; a cell the area cannot reach is {@code {0, 0}}.
     */
    static long[][] cells(GeoShape shape) {
        double[] bounds = shape.boundingBox();
        double minLon = bounds[0];
        double minLat = bounds[1];
        double maxLon = bounds[2];
        double maxLat = bounds[3];
        double longitude = shape.longitude();
        double latitude = shape.latitude();
        int steps = estimateSteps(shape.radiusMeters(), latitude);
        long hash = GeoHash.encode(longitude, latitude, steps);
        long[] n = neighbours(hash, steps);
        GeoHash.Area north = GeoHash.decode(n[1], steps);
        GeoHash.Area south = GeoHash.decode(n[2], steps);
        GeoHash.Area east = GeoHash.decode(n[3], steps);
        GeoHash.Area west = GeoHash.decode(n[4], steps);
        boolean decrease = north.latMax() < maxLat || south.latMin() > minLat
                || east.longMax() < maxLon || west.longMin() > minLon;
        if (steps > 1 && decrease) {
            steps--;
            hash = GeoHash.encode(longitude, latitude, steps);
            n = neighbours(hash, steps);
        }
        GeoHash.Area area = GeoHash.decode(hash, steps);
        boolean[] zero = new boolean[9];
        if (steps >= 2) {
            if (area.latMin() < minLat) {
                zero[2] = zero[8] = zero[7] = true; // south, south-west, south-east
            }
            if (area.latMax() > maxLat) {
                zero[1] = zero[5] = zero[6] = true; // north, north-east, north-west
            }
            if (area.longMin() < minLon) {
                zero[4] = zero[8] = zero[6] = true; // west, south-west, north-west
            }
            if (area.longMax() > maxLon) {
                zero[3] = zero[7] = zero[5] = true; // east, south-east, north-east
            }
        }
        long[][] out = new long[9][];
        for (int i = 0; i < 9; i++) {
            out[i] = zero[i] ? new long[] {0, 0} : new long[] {n[i], steps};
        }
        return out;
    }

    /** The cell itself, then N, S, E, W, NE, NW, SE, SW. */
    private static long[] neighbours(long hash, int step) {
        return new long[] {
            hash,
            GeoHash.moveY(hash, step, 1),
            GeoHash.moveY(hash, step, -1),
            GeoHash.moveX(hash, step, 1),
            GeoHash.moveX(hash, step, -1),
            GeoHash.moveY(GeoHash.moveX(hash, step, 1), step, 1),
            GeoHash.moveY(GeoHash.moveX(hash, step, -1), step, 1),
            GeoHash.moveY(GeoHash.moveX(hash, step, 1), step, -1),
            GeoHash.moveY(GeoHash.moveX(hash, step, -1), step, -1)};
    }

    /**
     * The points of {@code z} inside {@code shape}, in the order Redis finds them; with {@code limit}
     * > 0 (ANY) the search stops once that many were found.
     */
    static List<Point> find(SortedSetValue z, GeoShape shape, long limit) {
        long[][] cells = cells(shape);
        List<Point> found = new ArrayList<>();
        int lastProcessed = 0;
        for (int i = 0; i < cells.length; i++) {
            long bits = cells[i][0];
            long step = cells[i][1];
            if (bits == 0 && step == 0) {
                continue;
            }
            // huge radii make neighbours coincide; Redis skips a cell equal to the last one read
            if (lastProcessed != 0 && bits == cells[lastProcessed][0] && step == cells[lastProcessed][1]) {
                continue;
            }
            if (limit > 0 && found.size() >= limit) {
                break;
            }
            double min = GeoHash.align52(bits, (int) step);
            double max = GeoHash.align52(bits + 1, (int) step);
            z.visitScoreRange(min, max, (member, score) -> {
                if (limit > 0 && found.size() >= limit) {
                    return;
                }
                double[] xy = GeoHash.decodeScore(score);
                double d = shape.distanceIfInside(xy);
                if (!(d < 0)) {
                    found.add(new Point(member, score, xy[0], xy[1], d));
                }
            });
            lastProcessed = i;
        }
        return found;
    }
}
