package io.redoubt.engine.geo;

import static io.redoubt.engine.command.CommandFlag.DENYOOM;
import static io.redoubt.engine.command.CommandFlag.MOVABLEKEYS;
import static io.redoubt.engine.command.CommandFlag.READONLY;
import static io.redoubt.engine.command.CommandFlag.WRITE;
import static io.redoubt.engine.command.KeySpec.Flag.ACCESS;
import static io.redoubt.engine.command.KeySpec.Flag.OW;
import static io.redoubt.engine.command.KeySpec.Flag.RO;
import static io.redoubt.engine.command.KeySpec.Flag.RW;
import static io.redoubt.engine.command.KeySpec.Flag.UPDATE;

import io.redoubt.engine.command.AclCategory;
import io.redoubt.engine.command.Args;
import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.CommandException;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.engine.command.KeySpec;
import io.redoubt.engine.keyspace.Keyspace;
import io.redoubt.engine.keyspace.EventClass;
import io.redoubt.engine.keyspace.EncodingLimits;
import io.redoubt.engine.keyspace.Entry;
import io.redoubt.engine.zsets.Scores;
import io.redoubt.engine.zsets.SortedSetValue;
import io.redoubt.resp.Errors;
import io.redoubt.resp.ReplySink;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

/**
 * The geo commands over sorted sets. Arguments are parsed in Redis's order so that, given several
 * faults, the same error wins; GEOADD behaves as the ZADD Redis rewrites it into.
 */
public final class GeoCommands {
    static final String UNIT = "ERR unsupported unit provided. please use M, KM, FT, MI";
    static final String MEMBER_UNDECODABLE = "ERR could not decode requested zset member";
    static final String COUNT_POSITIVE = "ERR COUNT must be > 0";
    static final String ANY_NEEDS_COUNT = "ERR the ANY argument requires COUNT argument";
    private static final String GEOALPHABET = "0123456789bcdefghjkmnpqrstuvwxyz";

    /** How a search command finds its centre and which options it takes. */
    private enum Variant {
        RADIUS(true, false, true),
        RADIUS_RO(true, false, false),
        BYMEMBER(false, false, true),
        BYMEMBER_RO(false, false, false),
        SEARCH(false, true, false),
        SEARCHSTORE(false, true, false);

        final boolean coords;
        final boolean search;
        final boolean store;

        Variant(boolean coords, boolean search, boolean store) {
            this.coords = coords;
            this.search = search;
            this.store = store;
        }
    }

    private enum Sort { NONE, ASC, DESC }

    public void register(CommandTable.Builder t) {
        t.add(CommandSpec.builder("geoadd", -5).flags(WRITE, DENYOOM).acl(AclCategory.GEO)
                .args("key:key#0 condition:oneof@6.2.0?(NX XX) change=CH@6.2.0? "
                        + "longitude_latitude_member:block*(longitude:double latitude:double member:string)")
                .key(KeySpec.single(1, RW, UPDATE)).group("geo").since("3.2.0")
                .summary("Add one or more geospatial items in the geospatial index represented using a sorted set")
                .complexity("O(log(N)) for each item added, where N is the number of elements in the sorted set.")
                .history("6.2.0", "Added the `CH`, `NX` and `XX` options.")
                .handler(this::geoadd));
        t.add(read("geodist", -4, "Returns the distance between two members of a geospatial index", "O(log(N))",
                this::geodist)
                .args("key:key#0 member1:string member2:string unit:oneof?(M KM FT MI)"));
        t.add(read("geohash", -2, "Returns members of a geospatial index as standard geohash strings",
                "O(log(N)) for each member requested, where N is the number of elements in the sorted set.",
                this::geohash)
                .args("key:key#0 member:string*"));
        t.add(read("geopos", -2, "Returns longitude and latitude of members of a geospatial index",
                "O(N) where N is the number of members requested.", this::geopos)
                .args("key:key#0 member:string*"));
        String searchCost = "O(N+log(M)) where N is the number of elements in the grid-aligned bounding box area around the shape provided as the filter and M is the number of items inside the shape";
        t.add(CommandSpec.builder("geosearch", -7).flags(READONLY).acl(AclCategory.GEO)
                .args("key:key#0 from:oneof(member:string=FROMMEMBER "
                        + "longitude_latitude:block=FROMLONLAT(longitude:double latitude:double)) "
                        + "by:oneof(circle:block(radius:double=BYRADIUS unit:oneof(M KM FT MI)) "
                        + "box:block(width:double=BYBOX height:double unit:oneof(M KM FT MI))) order:oneof?(ASC "
                        + "DESC) count:block?(count:integer=COUNT ANY?) WITHCOORD? WITHDIST? WITHHASH?")
                .key(KeySpec.single(1, RO, ACCESS)).group("geo").since("6.2.0")
                .summary("Query a sorted set representing a geospatial index to fetch members inside an area of a box or a circle.")
                .complexity(searchCost)
                .history("7.0.0", "Added support for uppercase unit names.")
                .handler(ctx -> search(ctx, Variant.SEARCH)));
        t.add(CommandSpec.builder("geosearchstore", -8).flags(WRITE, DENYOOM).acl(AclCategory.GEO)
                .args("destination:key#0 source:key#1 from:oneof(member:string=FROMMEMBER "
                        + "longitude_latitude:block=FROMLONLAT(longitude:double latitude:double)) "
                        + "by:oneof(circle:block(radius:double=BYRADIUS unit:oneof(M KM FT MI)) "
                        + "box:block(width:double=BYBOX height:double unit:oneof(M KM FT MI))) order:oneof?(ASC "
                        + "DESC) count:block?(count:integer=COUNT ANY?) STOREDIST?")
                .key(KeySpec.single(1, OW, UPDATE)).key(KeySpec.single(2, RO, ACCESS)).group("geo").since("6.2.0")
                .summary("Query a sorted set representing a geospatial index to fetch members inside an area of a box or a circle, and store the result in another key.")
                .complexity(searchCost)
                .history("7.0.0", "Added support for uppercase unit names.")
                .handler(ctx -> search(ctx, Variant.SEARCHSTORE)));
        String radiusCost = "O(N+log(M)) where N is the number of elements inside the bounding box of the circular area delimited by center and radius and M is the number of items inside the index.";
        String fetch = "Query a sorted set representing a geospatial index to fetch members matching a given maximum distance from a ";
        t.add(radius("georadius", -6, fetch + "point", radiusCost, Variant.RADIUS,
                "`GEOSEARCH` and `GEOSEARCHSTORE` with the `BYRADIUS` argument",
                "6.2.0", "Added the `ANY` option for `COUNT`.", "7.0.0", "Added support for uppercase unit names.")
                .args("key:key#0 longitude:double latitude:double radius:double unit:oneof(M KM FT MI) "
                        + "WITHCOORD? WITHDIST? WITHHASH? count:block?(count:integer=COUNT ANY@6.2.0?) "
                        + "order:oneof?(ASC DESC) key:key=STORE#1? key:key=STOREDIST#2?"));
        t.add(radius("georadiusbymember", -5, fetch + "member", radiusCost, Variant.BYMEMBER,
                "`GEOSEARCH` and `GEOSEARCHSTORE` with the `BYRADIUS` and `FROMMEMBER` arguments",
                "7.0.0", "Added support for uppercase unit names.")
                .args("key:key#0 member:string radius:double unit:oneof(M KM FT MI) WITHCOORD? WITHDIST? "
                        + "WITHHASH? count:block?(count:integer=COUNT ANY?) order:oneof?(ASC DESC) key:key=STORE#1? "
                        + "key:key=STOREDIST#2?"));
        t.add(radius("georadius_ro", -6, "A read-only variant for GEORADIUS", radiusCost, Variant.RADIUS_RO,
                "`GEOSEARCH` with the `BYRADIUS` argument", "6.2.0", "Added the `ANY` option for `COUNT`.")
                .args("key:key#0 longitude:double latitude:double radius:double unit:oneof(M KM FT MI) "
                        + "WITHCOORD? WITHDIST? WITHHASH? count:block?(count:integer=COUNT ANY@6.2.0?) "
                        + "order:oneof?(ASC DESC)"));
        t.add(radius("georadiusbymember_ro", -5, "A read-only variant for GEORADIUSBYMEMBER", radiusCost,
                Variant.BYMEMBER_RO, "`GEOSEARCH` with the `BYRADIUS` and `FROMMEMBER` arguments")
                .args("key:key#0 member:string radius:double unit:oneof(M KM FT MI) WITHCOORD? WITHDIST? "
                        + "WITHHASH? count:block?(count:integer=COUNT ANY?) order:oneof?(ASC DESC)"));
    }

    private static CommandSpec.Builder read(String name, int arity, String summary, String complexity,
                             io.redoubt.engine.command.CommandHandler handler) {
        return CommandSpec.builder(name, arity).flags(READONLY).acl(AclCategory.GEO)
                .key(KeySpec.single(1, RO, ACCESS)).group("geo").since("3.2.0").summary(summary)
                .complexity(complexity).handler(handler);
    }

    /** One of the deprecated GEORADIUS forms; the STORE keys are found by keyword after the fixed arguments. */
    private CommandSpec.Builder radius(String name, int arity, String summary, String complexity,
                        Variant v, String replacedBy, String... history) {
        CommandSpec.Builder b = CommandSpec.builder(name, arity).acl(AclCategory.GEO)
                .key(KeySpec.single(1, RO, ACCESS)).group("geo")
                .since(v.store ? "3.2.0" : "3.2.10")
                .summary(summary).complexity(complexity)
                .deprecated("6.2.0", replacedBy)
                .handler(ctx -> search(ctx, v));
        for (int i = 0; i < history.length; i += 2) {
            b.history(history[i], history[i + 1]);
        }
        if (v.store) {
            int fixedArgs = -arity;
            b.flags(WRITE, DENYOOM, MOVABLEKEYS)
                    .key(KeySpec.keyword("STORE", fixedArgs, 0, 1, OW, UPDATE))
                    .key(KeySpec.keyword("STOREDIST", fixedArgs, 0, 1, OW, UPDATE));
        } else {
            b.flags(READONLY);
        }
        return b;
    }

    // ---- shared parsing ------------------------------------------------------------------------------

    private static SortedSetValue readGeoSet(CommandContext ctx, byte[] key) {
        Entry e = ctx.db().lookupRead(key, !ctx.client().noTouch());
        if (e == null) {
            return null;
        }
        if (!(e.value() instanceof SortedSetValue z)) {
            throw new CommandException(Errors.WRONGTYPE);
        }
        return z;
    }

    /** Meters per unit, or the unit error. */
    static double unit(byte[] arg) {
        if (Args.is(arg, "m")) {
            return 1;
        } else if (Args.is(arg, "km")) {
            return 1000;
        } else if (Args.is(arg, "ft")) {
            return 0.3048;
        } else if (Args.is(arg, "mi")) {
            return 1609.34;
        }
        throw new CommandException(UNIT);
    }

    /** {longitude, latitude} from two arguments, checked against the WGS84 limits Redis encodes. */
    static double[] lonLat(byte[][] argv, int at) {
        double lon = number(argv[at], Errors.NOT_FLOAT);
        double lat = number(argv[at + 1], Errors.NOT_FLOAT);
        if (lon < GeoHash.LONG_MIN || lon > GeoHash.LONG_MAX || lat < GeoHash.LAT_MIN || lat > GeoHash.LAT_MAX) {
            throw new CommandException("ERR invalid longitude,latitude pair "
                    + GeoNumbers.printfF(lon) + "," + GeoNumbers.printfF(lat));
        }
        return new double[] {lon, lat};
    }

    /**
     * A number as Redis's getDoubleFromObject reads it with strtod: hexadecimal floats are accepted,
     * and so are infinities, but not a decimal that underflows to zero (strtod reports ERANGE).
     */
    static double number(byte[] arg, String error) {
        Double v = Scores.parseOrNull(arg);
        if (v == null || (v == 0 && underflows(arg))) {
            throw new CommandException(error);
        }
        return v;
    }

    /** True when a decimal mantissa has a non-zero digit, so a zero result can only be underflow. */
    private static boolean underflows(byte[] arg) {
        for (byte b : arg) {
            if (b == 'x' || b == 'X' || b == 'e' || b == 'E') {
                return b == 'e' || b == 'E' ? nonZeroBefore(arg, b) : false;
            }
        }
        return nonZeroBefore(arg, (byte) 0);
    }

    private static boolean nonZeroBefore(byte[] arg, byte stop) {
        for (byte b : arg) {
            if (b == stop) {
                break;
            }
            if (b >= '1' && b <= '9') {
                return true;
            }
        }
        return false;
    }

    private static double nonNegative(byte[] arg, String notNumber, String negative) {
        double v = number(arg, notNumber);
        if (v < 0) {
            throw new CommandException(negative);
        }
        return v;
    }

    /** The position of a member, or the "could not decode" error when it is absent. */
    private static double[] memberPosition(SortedSetValue z, byte[] member) {
        double score = z.score(member);
        if (Double.isNaN(score)) {
            throw new CommandException(MEMBER_UNDECODABLE);
        }
        return GeoHash.decodeScore(score);
    }

    // ---- GEOADD --------------------------------------------------------------------------------------

    private void geoadd(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        boolean nx = false;
        boolean xx = false;
        boolean ch = false;
        int first = 2;
        for (; first < argv.length; first++) {
            if (Args.is(argv[first], "nx")) {
                nx = true;
            } else if (Args.is(argv[first], "xx")) {
                xx = true;
            } else if (Args.is(argv[first], "ch")) {
                ch = true;
            } else {
                break;
            }
        }
        int remaining = argv.length - first;
        if (remaining % 3 != 0 || (xx && nx) || remaining == 0) {
            throw new CommandException(Errors.SYNTAX);
        }
        int elements = remaining / 3;
        double[] scores = new double[elements];
        for (int i = 0; i < elements; i++) {
            double[] xy = lonLat(argv, first + 3 * i);
            scores[i] = GeoHash.align52(GeoHash.encode(xy[0], xy[1], GeoHash.STEP_MAX), GeoHash.STEP_MAX);
        }
        Keyspace db = ctx.db();
        byte[] key = argv[1];
        Entry e = db.lookupWrite(key);
        if (e != null && !(e.value() instanceof SortedSetValue)) {
            throw new CommandException(Errors.WRONGTYPE);
        }
        if (e == null && xx) {
            ctx.reply().integer(0);
            return;
        }
        EncodingLimits limits = ctx.shard().encodingLimits();
        SortedSetValue z = e == null ? SortedSetValue.forFirstMember(limits, argv[first + 2]) : (SortedSetValue) e.value();
        long before = e == null ? 0 : z.estimatedBytes();
        long mark = db.changeMark();
        long added = 0;
        long updated = 0;
        for (int i = 0; i < elements; i++) {
            byte[] member = argv[first + 3 * i + 2];
            double current = z.score(member);
            if (!Double.isNaN(current)) {
                if (!nx && current != scores[i]) {
                    z.update(member, current, scores[i]);
                    updated++;
                }
            } else if (!xx) {
                z.insert(member, scores[i], limits);
                added++;
            }
        }
        if (e == null) {
            if (z.size() > 0) {
                db.add(key, z);
            }
        } else if (added + updated > 0) {
            db.modified(e, z.estimatedBytes() - before);
        }
        db.countChangesSince(mark, added + updated);
        if (added + updated > 0) {
            db.notify(EventClass.ZSET, "zadd", key); // Redis runs GEOADD as a ZADD
        }
        ctx.reply().integer(ch ? added + updated : added);
    }

    // ---- GEODIST GEOHASH GEOPOS ------------------------------------------------------------------------

    private void geodist(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        double toMeter = 1;
        if (argv.length == 5) {
            toMeter = unit(argv[4]);
        } else if (argv.length > 5) {
            throw new CommandException(Errors.SYNTAX);
        }
        SortedSetValue z = readGeoSet(ctx, argv[1]);
        double s1 = z == null ? Double.NaN : z.score(argv[2]);
        double s2 = z == null ? Double.NaN : z.score(argv[3]);
        if (Double.isNaN(s1) || Double.isNaN(s2)) {
            ctx.reply().nullBulk();
            return;
        }
        double[] a = GeoHash.decodeScore(s1);
        double[] b = GeoHash.decodeScore(s2);
        ctx.reply().bulk(GeoNumbers.distance(GeoDistance.distance(a[0], a[1], b[0], b[1]) / toMeter));
    }

    private void geohash(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        SortedSetValue z = readGeoSet(ctx, argv[1]);
        ReplySink r = ctx.reply();
        r.array(argv.length - 2);
        byte[] buf = new byte[11];
        for (int j = 2; j < argv.length; j++) {
            double score = z == null ? Double.NaN : z.score(argv[j]);
            if (Double.isNaN(score)) {
                r.nullBulk();
                continue;
            }
            // stored hashes use the Mercator latitude range; a standard geohash uses ±90
            double[] xy = GeoHash.decodeScore(score);
            long bits = GeoHash.encode(-180, 180, -90, 90, xy[0], xy[1], GeoHash.STEP_MAX);
            for (int i = 0; i < 11; i++) {
                int idx = i == 10 ? 0 : (int) ((bits >>> (52 - (i + 1) * 5)) & 0x1f);
                buf[i] = (byte) GEOALPHABET.charAt(idx);
            }
            r.bulk(buf.clone());
        }
    }

    private void geopos(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        SortedSetValue z = readGeoSet(ctx, argv[1]);
        ReplySink r = ctx.reply();
        r.array(argv.length - 2);
        for (int j = 2; j < argv.length; j++) {
            double score = z == null ? Double.NaN : z.score(argv[j]);
            if (Double.isNaN(score)) {
                r.nullArray();
                continue;
            }
            double[] xy = GeoHash.decodeScore(score);
            r.array(2);
            coordinate(r, xy[0]);
            coordinate(r, xy[1]);
        }
    }

    /** Redis's human long double reply: a bulk string in RESP2, a double in RESP3. */
    private static void coordinate(ReplySink r, double v) {
        String text = GeoNumbers.coordinate(v);
        if (r.protocol() == 3) {
            r.raw(("," + text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        } else {
            r.bulk(text);
        }
    }

    // ---- GEORADIUS* / GEOSEARCH* -----------------------------------------------------------------------

    private void search(CommandContext ctx, Variant v) {
        byte[][] argv = ctx.argv();
        int srcIndex = v == Variant.SEARCHSTORE ? 2 : 1;
        SortedSetValue z = readGeoSet(ctx, argv[srcIndex]);
        byte[] storeKey = null;
        boolean storeDist = false;
        double[] centre = null;
        double radius = 0;
        double width = 0;
        double height = 0;
        double conversion = 0;
        boolean box = false;
        int base;
        if (v.coords) {
            base = 6;
            centre = lonLat(argv, 2);
            radius = nonNegative(argv[4], "ERR need numeric radius", "ERR radius cannot be negative");
            conversion = unit(argv[5]);
        } else if (!v.search) {
            base = 5;
            if (z != null) {
                centre = memberPosition(z, argv[2]);
                radius = nonNegative(argv[3], "ERR need numeric radius", "ERR radius cannot be negative");
                conversion = unit(argv[4]);
            }
        } else {
            base = v == Variant.SEARCHSTORE ? 3 : 2;
            if (v == Variant.SEARCHSTORE) {
                storeKey = argv[1];
            }
        }
        boolean withDist = false;
        boolean withHash = false;
        boolean withCoord = false;
        boolean fromMember = false;
        boolean fromLonLat = false;
        boolean byRadius = false;
        boolean byBox = false;
        Sort sort = Sort.NONE;
        boolean any = false;
        long count = 0;
        int remaining = argv.length - base;
        for (int i = 0; i < remaining; i++) {
            byte[] arg = argv[base + i];
            if (Args.is(arg, "withdist")) {
                withDist = true;
            } else if (Args.is(arg, "withhash")) {
                withHash = true;
            } else if (Args.is(arg, "withcoord")) {
                withCoord = true;
            } else if (Args.is(arg, "any")) {
                any = true;
            } else if (Args.is(arg, "asc")) {
                sort = Sort.ASC;
            } else if (Args.is(arg, "desc")) {
                sort = Sort.DESC;
            } else if (Args.is(arg, "count") && i + 1 < remaining) {
                count = Args.parseLong(argv[base + i + 1]);
                if (count <= 0) {
                    throw new CommandException(COUNT_POSITIVE);
                }
                i++;
            } else if (Args.is(arg, "store") && i + 1 < remaining && v.store) {
                storeKey = argv[base + i + 1];
                storeDist = false;
                i++;
            } else if (Args.is(arg, "storedist") && i + 1 < remaining && v.store) {
                storeKey = argv[base + i + 1];
                storeDist = true;
                i++;
            } else if (Args.is(arg, "storedist") && v == Variant.SEARCHSTORE) {
                storeDist = true;
            } else if (Args.is(arg, "frommember") && i + 1 < remaining && v.search && !fromLonLat) {
                if (z != null) {
                    centre = memberPosition(z, argv[base + i + 1]);
                }
                fromMember = true;
                i++;
            } else if (Args.is(arg, "fromlonlat") && i + 2 < remaining && v.search && !fromMember) {
                centre = lonLat(argv, base + i + 1);
                fromLonLat = true;
                i += 2;
            } else if (Args.is(arg, "byradius") && i + 2 < remaining && v.search && !byBox) {
                radius = nonNegative(argv[base + i + 1], "ERR need numeric radius", "ERR radius cannot be negative");
                conversion = unit(argv[base + i + 2]);
                byRadius = true;
                box = false;
                i += 2;
            } else if (Args.is(arg, "bybox") && i + 3 < remaining && v.search && !byRadius) {
                width = number(argv[base + i + 1], "ERR need numeric width");
                height = number(argv[base + i + 2], "ERR need numeric height");
                if (height < 0 || width < 0) {
                    throw new CommandException("ERR height or width cannot be negative");
                }
                conversion = unit(argv[base + i + 3]);
                byBox = true;
                box = true;
                i += 3;
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
        }
        String name = new String(argv[0], StandardCharsets.ISO_8859_1);
        if (storeKey != null && (withDist || withHash || withCoord)) {
            throw new CommandException("ERR " + (v == Variant.SEARCHSTORE ? "GEOSEARCHSTORE" : "STORE option in GEORADIUS")
                    + " is not compatible with WITHDIST, WITHHASH and WITHCOORD options");
        }
        if (v.search && !(fromMember || fromLonLat)) {
            throw new CommandException("ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for " + name);
        }
        if (v.search && !(byRadius || byBox)) {
            throw new CommandException("ERR exactly one of BYRADIUS and BYBOX can be specified for " + name);
        }
        if (any && count == 0) {
            throw new CommandException(ANY_NEEDS_COUNT);
        }
        Keyspace db = ctx.db();
        if (z == null) {
            if (storeKey != null) {
                deleteStoreKey(db, storeKey);
                ctx.reply().integer(0);
            } else {
                ctx.reply().array(0);
            }
            return;
        }
        if (count != 0 && sort == Sort.NONE && !any) {
            sort = Sort.ASC;
        }
        GeoShape shape = box ? GeoShape.box(centre, width, height, conversion) : GeoShape.circle(centre, radius, conversion);
        List<GeoSearch.Point> found = GeoSearch.find(z, shape, any ? count : 0);
        if (found.isEmpty() && storeKey == null) {
            ctx.reply().array(0);
            return;
        }
        int returned = (int) (count == 0 || found.size() < count ? found.size() : count);
        if (sort != Sort.NONE) {
            // Redis's comparator treats incomparable (NaN) distances as equal; Double.compare would not
            Comparator<GeoSearch.Point> cmp = sort == Sort.ASC ? GeoCommands::ascending : (a, b) -> ascending(b, a);
            if (returned == found.size()) {
                found.sort(cmp); // glibc's qsort is a merge sort, stable like List.sort
            } else {
                GeoSearch.Point[] points = found.toArray(new GeoSearch.Point[0]);
                PartialQuickSort.sort(points, cmp, 0, returned - 1);
                found = java.util.Arrays.asList(points);
            }
        }
        if (storeKey == null) {
            reply(ctx.reply(), found, returned, conversion, withDist, withHash, withCoord);
        } else {
            store(ctx, storeKey, found, returned, conversion, storeDist);
        }
    }

    /** Redis's qsort comparator: greater, equal (also for NaN), or less. */
    private static int ascending(GeoSearch.Point a, GeoSearch.Point b) {
        if (a.distance() > b.distance()) {
            return 1;
        } else if (a.distance() == b.distance()) {
            return 0;
        }
        return -1;
    }

    private static void reply(ReplySink r, List<GeoSearch.Point> found, int returned, double conversion,
                              boolean withDist, boolean withHash, boolean withCoord) {
        int options = (withDist ? 1 : 0) + (withHash ? 1 : 0) + (withCoord ? 1 : 0);
        r.array(returned);
        for (int i = 0; i < returned; i++) {
            GeoSearch.Point p = found.get(i);
            if (options > 0) {
                r.array(options + 1);
            }
            r.bulk(p.member());
            if (withDist) {
                r.bulk(GeoNumbers.distance(p.distance() / conversion));
            }
            if (withHash) {
                r.integer((long) p.score());
            }
            if (withCoord) {
                r.array(2);
                coordinate(r, p.longitude());
                coordinate(r, p.latitude());
            }
        }
    }

    private static void store(CommandContext ctx, byte[] storeKey, List<GeoSearch.Point> found, int returned,
                              double conversion, boolean storeDist) {
        Keyspace db = ctx.db();
        if (returned == 0) {
            deleteStoreKey(db, storeKey);
            ctx.reply().integer(0);
            return;
        }
        EncodingLimits limits = ctx.shard().encodingLimits();
        // Redis builds the result as a skiplist and converts it back when small enough
        SortedSetValue out = SortedSetValue.emptySkiplist();
        for (int i = 0; i < returned; i++) {
            GeoSearch.Point p = found.get(i);
            double score = storeDist ? p.distance() / conversion : p.score();
            if (Double.isNaN(out.score(p.member()))) {
                out.insert(p.member(), score, limits);
            }
        }
        out.compactIfSmall(limits);
        db.put(storeKey, out);
        db.notify(EventClass.ZSET, ctx.spec().name().startsWith("geosearch") ? "geosearchstore" : "georadiusstore",
                storeKey);
        ctx.reply().integer(returned);
    }

    private static void deleteStoreKey(Keyspace db, byte[] storeKey) {
        if (db.delete(storeKey)) {
            db.notify(EventClass.GENERIC, "del", storeKey);
        }
    }
}
