package io.redoubt.engine.geo;

/**
 * A search area: a circle of {@code radius} or a {@code width} x {@code height} box, in the request's
 * unit ({@code conversion} meters per unit), around a centre (longitude, latitude).
 */
record GeoShape(double longitude, double latitude, boolean circle, double radius, double width, double height,
                double conversion) {

    static GeoShape circle(double[] centre, double radius, double conversion) {
        return new GeoShape(centre[0], centre[1], true, radius, 0, 0, conversion);
    }

    static GeoShape box(double[] centre, double width, double height, double conversion) {
        return new GeoShape(centre[0], centre[1], false, 0, width, height, conversion);
    }

    /**
     * The distance in meters from the centre to a stored point when it is inside the shape, else -1.
     * {@code xy} is the point's decoded {longitude, latitude}.
     */
    double distanceIfInside(double[] xy) {
        if (circle) {
            double d = GeoDistance.distance(longitude, latitude, xy[0], xy[1]);
            return d > radius * conversion ? -1 : d; // a NaN distance counts as inside, as in Redis
        }
        return GeoDistance.inRectangle(width * conversion, height * conversion, longitude, latitude, xy[0], xy[1]);
    }

    /** {min longitude, min latitude, max longitude, max latitude} of the area, as Redis bounds it. */
    double[] boundingBox() {
        double h = conversion * (circle ? radius : height / 2);
        double w = conversion * (circle ? radius : width / 2);
        double latDelta = GeoDistance.radDeg(h / GeoDistance.EARTH_RADIUS_IN_METERS);
        double longDeltaTop = GeoDistance.radDeg(w / GeoDistance.EARTH_RADIUS_IN_METERS
                / RoundedMath.cos(GeoDistance.degRad(latitude + latDelta)));
        double longDeltaBottom = GeoDistance.radDeg(w / GeoDistance.EARTH_RADIUS_IN_METERS
                / RoundedMath.cos(GeoDistance.degRad(latitude - latDelta)));
        boolean southern = latitude < 0;
        return new double[] {
            southern ? longitude - longDeltaBottom : longitude - longDeltaTop,
            latitude - latDelta,
            southern ? longitude + longDeltaBottom : longitude + longDeltaTop,
            latitude + latDelta};
    }

    /** The radius in meters used to pick the search step: the circle's, or the box's half diagonal. */
    double radiusMeters() {
        double r = circle ? radius : Math.sqrt((width / 2) * (width / 2) + (height / 2) * (height / 2));
        return r * conversion;
    }
}
