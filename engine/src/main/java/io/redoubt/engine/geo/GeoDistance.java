package io.redoubt.engine.geo;

/**
 * Great-circle distances as Redis 7.0 computes them: haversine on a sphere of Redis's earth radius,
 * with the shortcut Redis takes when both longitudes are the same (a plain arc of latitude).
 * {@link RoundedMath} supplies sin, cos and asin rounded as glibc rounds them.
 */
final class GeoDistance {
    static final double EARTH_RADIUS_IN_METERS = 6372797.560856;
    private static final double D_R = Math.PI / 180.0;

    private GeoDistance() {
    }

    static double degRad(double ang) {
        return ang * D_R;
    }

    static double radDeg(double ang) {
        return ang / D_R;
    }

    /** Distance along a meridian. */
    static double latDistance(double lat1d, double lat2d) {
        return EARTH_RADIUS_IN_METERS * Math.abs(degRad(lat2d) - degRad(lat1d));
    }

    /** Haversine distance in meters between two (longitude, latitude) points. */
    static double distance(double lon1d, double lat1d, double lon2d, double lat2d) {
        double lon1r = degRad(lon1d);
        double lon2r = degRad(lon2d);
        double v = RoundedMath.sin((lon2r - lon1r) / 2);
        if (v == 0.0) {
            return latDistance(lat1d, lat2d);
        }
        double lat1r = degRad(lat1d);
        double lat2r = degRad(lat2d);
        double u = RoundedMath.sin((lat2r - lat1r) / 2);
        double a = u * u + RoundedMath.cos(lat1r) * RoundedMath.cos(lat2r) * v * v;
        return 2.0 * EARTH_RADIUS_IN_METERS * RoundedMath.asin(Math.sqrt(a));
    }

    /**
     * The distance from the centre (x1, y1) to (x2, y2) when that point lies in the axis-aligned box
     * of the given size around the centre, else -1. Latitude is checked first, as in Redis.
     */
    static double inRectangle(double widthM, double heightM, double x1, double y1, double x2, double y2) {
        double latDistance = latDistance(y2, y1);
        if (latDistance > heightM / 2) {
            return -1;
        }
        double lonDistance = distance(x2, y2, x1, y2);
        if (lonDistance > widthM / 2) {
            return -1;
        }
        return distance(x1, y1, x2, y2);
    }
}
