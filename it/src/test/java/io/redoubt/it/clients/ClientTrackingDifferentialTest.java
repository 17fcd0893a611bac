package io.redoubt.it.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.testkit.DifferentialTest;
import io.redoubt.testkit.RespClient;
import io.redoubt.testkit.SharedServers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Client-side caching against Debian's redis-server 7.0.15: CLIENT TRACKING and its option checks,
 * CLIENT CACHING, GETREDIR, TRACKINGINFO, the tracking flags of CLIENT LIST, and the invalidations
 * themselves (RESP3 pushes, RESP2 messages through a redirect, flushes, expiry, BCAST prefixes, the
 * table's limit), byte for byte. Several clients act in turns; each role is one connection to each
 * server ({@link Pair}), and client ids, which differ between the servers, are compared by role.
 * After the pushes a step expects, a PING answered with PONG proves that nothing else arrived.
 */
class ClientTrackingDifferentialTest extends DifferentialTest {
    private final List<Pair> pairs = new ArrayList<>();

    @AfterEach
    void closePairs() {
        for (Pair p : pairs) {
            p.close();
        }
    }

    /** One role: a connection to Redis and one to Redoubt, used in step. */
    private final class Pair implements AutoCloseable {
        final RespClient r = RespClient.connect(SharedServers.redis().port());
        final RespClient o = RespClient.connect(SharedServers.redoubt().port());
        final long rid = id(r);
        final long oid = id(o);
        final String role = "C" + pairs.size();

        Pair() {
            pairs.add(this);
        }

        /** Sends a request to both (a Pair argument stands for that role's client id); same replies. */
        String same(Object... args) {
            String expected = new String(r.call(args(args, true)), StandardCharsets.UTF_8);
            String actual = new String(o.call(args(args, false)), StandardCharsets.UTF_8);
            assertThat(printable(actual)).as("reply to %s", List.of(args)).isEqualTo(printable(expected));
            return expected;
        }

        /** {@link #same} for a reply that carries client ids: each is compared as its role. */
        String sameIds(Object... args) {
            String expected = new String(r.call(args(args, true)), StandardCharsets.UTF_8);
            String actual = new String(o.call(args(args, false)), StandardCharsets.UTF_8);
            assertThat(printable(normal(actual, false))).as("reply to %s", List.of(args))
                    .isEqualTo(printable(normal(expected, true)));
            return normal(expected, true);
        }

        /** Switches the protocol (HELLO's reply, with its ids, is another test's business). */
        void hello(String protocol) {
            assertThat(r.callText("HELLO", protocol)).contains("proto");
            assertThat(o.callText("HELLO", protocol)).contains("proto");
        }

        /** Reads the next frame (a push) from both; same bytes. */
        String push() {
            String expected = r.readReplyText();
            String actual = o.readReplyText();
            assertThat(printable(normal(actual, false))).as("push to %s", role)
                    .isEqualTo(printable(normal(expected, true)));
            return expected;
        }

        /** Nothing more arrived: the next frame is PING's reply. */
        void quiet() {
            same("PING");
        }

        void send(String... args) {
            r.send(args);
            o.send(args);
        }

        @Override
        public void close() {
            r.close();
            o.close();
        }
    }

    private static long id(RespClient c) {
        String reply = c.callText("CLIENT", "ID");
        return Long.parseLong(reply.substring(1, reply.length() - 2));
    }

    private byte[][] args(Object[] args, boolean redis) {
        byte[][] out = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            String s = a instanceof Pair p ? Long.toString(redis ? p.rid : p.oid) : a.toString();
            out[i] = s.getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    /** Client ids replaced by their roles, so replies that carry ids compare across the servers. */
    private String normal(String reply, boolean redis) {
        String out = reply;
        for (Pair p : pairs) {
            long id = redis ? p.rid : p.oid;
            out = out.replace(":" + id + "\r\n", ":" + p.role + "\r\n").replace("redir=" + id + " ", "redir=" + p.role + " ");
        }
        return out;
    }

    private static final Pattern FLAGS = Pattern.compile("flags=(\\S+) .* redir=(\\S+) ");

    /** CLIENT INFO's flags and redir fields, the ones tracking sets. */
    private static String trackingFields(String clientInfo) {
        Matcher m = FLAGS.matcher(clientInfo);
        assertThat(m.find()).as(clientInfo).isTrue();
        return "flags=" + m.group(1) + " redir=" + m.group(2);
    }

    // ---- the commands and their checks ------------------------------------------------------------

    @Test
    void badCombinationsGetRedisErrors() {
        Pair a = new Pair();
        for (String bad : List.of(
                "CLIENT TRACKING on PREFIX a",
                "CLIENT TRACKING on BCAST OPTIN",
                "CLIENT TRACKING on BCAST OPTOUT",
                "CLIENT TRACKING on OPTIN OPTOUT",
                "CLIENT TRACKING on REDIRECT 987654321",
                "CLIENT TRACKING on REDIRECT abc",
                "CLIENT TRACKING on REDIRECT",
                "CLIENT TRACKING on BCAST PREFIX",
                "CLIENT TRACKING on FOO",
                "CLIENT TRACKING maybe",
                "CLIENT TRACKING",
                "CLIENT TRACKING on BCAST PREFIX a PREFIX ab",
                "CLIENT TRACKING on BCAST PREFIX ab PREFIX a",
                "CLIENT TRACKING on BCAST PREFIX x PREFIX x",
                "CLIENT CACHING yes",
                "CLIENT CACHING no",
                "CLIENT CACHING",
                "CLIENT CACHING yes no",
                "CLIENT GETREDIR x",
                "CLIENT TRACKINGINFO x",
                "CLIENT GETREDIR",
                "CLIENT TRACKINGINFO",
                "CLIENT TRACKING off BCAST")) {
            a.same((Object[]) bad.split(" "));
        }
        a.same("CLIENT", "TRACKING", "on", "REDIRECT", a, "REDIRECT", a);
        a.same("CLIENT", "TRACKING", "on", "OPTIN");
        a.same("CLIENT", "CACHING", "no");
        a.same("CLIENT", "CACHING", "maybe");
        a.same("CLIENT", "TRACKING", "on", "OPTOUT");
        a.same("CLIENT", "TRACKING", "on", "BCAST");
        a.same("CLIENT", "TRACKING", "off");
        a.same("CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "user:");
        a.same("CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "user:1");
        a.same("CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "us");
        a.same("CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "user:");
        a.same("CLIENT", "TRACKING", "on");
        a.sameIds("CLIENT", "TRACKINGINFO");
        a.same("RESET");                             // RESET turns tracking off
        a.sameIds("CLIENT", "TRACKINGINFO");
    }

    @Test
    void trackingInfoAndClientListShowTheModeInBothProtocols() {
        Pair a = new Pair();
        Pair b = new Pair();
        for (String protocol : List.of("2", "3")) {
            a.hello(protocol);
            a.sameIds("CLIENT", "TRACKINGINFO");
            a.same("CLIENT", "TRACKING", "on", "OPTIN", "NOLOOP");
            a.sameIds("CLIENT", "TRACKINGINFO");
            a.same("CLIENT", "CACHING", "yes");
            a.sameIds("CLIENT", "TRACKINGINFO");
            a.sameIds("CLIENT", "GETREDIR");
            a.same("CLIENT", "TRACKING", "off");
            a.same("CLIENT", "TRACKING", "on", "OPTOUT", "REDIRECT", b);
            a.same("CLIENT", "CACHING", "no");
            a.sameIds("CLIENT", "TRACKINGINFO");
            a.sameIds("CLIENT", "GETREDIR");
            assertThat(trackingFields(a.o.callText("CLIENT", "INFO")))
                    .isEqualTo(trackingFields(a.r.callText("CLIENT", "INFO")).replace("redir=" + b.rid, "redir=" + b.oid));
            a.same("CLIENT", "TRACKING", "off");
            a.same("CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "b", "PREFIX", "a", "PREFIX", "c");
            a.sameIds("CLIENT", "TRACKINGINFO");
            assertThat(trackingFields(a.o.callText("CLIENT", "INFO"))).isEqualTo(trackingFields(a.r.callText("CLIENT", "INFO")));
            a.same("CLIENT", "TRACKING", "off");
            a.sameIds("CLIENT", "TRACKINGINFO");
            a.sameIds("CLIENT", "GETREDIR");
        }
    }

    // ---- invalidation -----------------------------------------------------------------------------

    @Test
    void resp3ClientIsToldOnceWhenAKeyItReadChanges() {
        Pair a = new Pair();
        Pair b = new Pair();
        a.hello("3");
        a.same("CLIENT", "TRACKING", "on");
        b.same("SET", "x", "1");
        b.same("RPUSH", "list", "a");
        b.same("HSET", "h", "f", "v");
        a.same("GET", "x");
        a.same("MGET", "list", "missing");          // a wrong type and a missing key are remembered too
        a.same("HGET", "h", "f");
        a.same("GET", "list");
        b.same("SET", "x", "2");
        a.push();
        a.quiet();
        b.same("SET", "x", "3");                     // not read again since: no second invalidation
        a.quiet();
        b.same("RPUSH", "list", "b");
        a.push();
        b.same("SET", "missing", "now");
        a.push();
        b.same("HDEL", "h", "f");
        a.push();
        a.quiet();
        b.same("SET", "never-read", "1");
        a.quiet();
        a.same("GET", "x");
        a.same("SET", "x", "mine");                  // its own change: the reply, then the push
        a.push();
        a.same("GET", "x");
        a.same("MULTI");
        a.same("INCR", "counter");
        a.same("SET", "x", "in-tx");
        a.same("GET", "x");
        a.same("EXEC");                              // the transaction's reply, then the push
        a.push();
        a.quiet();
        ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
        pipeline.writeBytes(RespClient.encode("GET".getBytes(), "p".getBytes()));
        pipeline.writeBytes(RespClient.encode("SET".getBytes(), "p".getBytes(), "1".getBytes()));
        pipeline.writeBytes(RespClient.encode("GET".getBytes(), "p".getBytes()));
        a.r.sendRaw(pipeline.toByteArray());
        a.o.sendRaw(pipeline.toByteArray());
        for (int i = 0; i < 4; i++) {                // pipelined: the push follows SET's reply at once
            a.push();
        }
        a.quiet();
        a.same("CLIENT", "TRACKING", "off");
        b.same("SET", "x", "after");                 // read before OFF: no longer told
        a.quiet();
    }

    @Test
    void noloopSkipsTheClientsOwnChanges() {
        Pair a = new Pair();
        Pair b = new Pair();
        a.hello("3");
        a.same("CLIENT", "TRACKING", "on", "NOLOOP");
        a.same("GET", "k");
        a.same("SET", "k", "mine");
        a.quiet();
        a.same("GET", "k");
        b.same("SET", "k", "theirs");
        a.push();
        a.quiet();
    }

    @Test
    void optInAndOptOutFollowClientCaching() {
        Pair a = new Pair();
        Pair b = new Pair();
        a.hello("3");
        a.same("CLIENT", "TRACKING", "on", "OPTIN");
        a.same("GET", "plain");
        b.same("SET", "plain", "1");
        a.quiet();
        a.same("CLIENT", "CACHING", "yes");
        a.same("GET", "cached");
        a.same("GET", "after");                      // CACHING lasts one command
        b.same("SET", "cached", "1");
        a.push();
        b.same("SET", "after", "1");
        a.quiet();
        a.same("CLIENT", "CACHING", "yes");
        a.same("MULTI");
        a.same("GET", "t1");
        a.same("GET", "t2");
        a.same("EXEC");                              // ... or one transaction
        b.same("MSET", "t1", "1", "t2", "2");
        a.push();
        a.push();
        a.quiet();
        a.same("CLIENT", "TRACKING", "off");
        a.same("CLIENT", "TRACKING", "on", "OPTOUT");
        a.same("GET", "o1");
        a.same("CLIENT", "CACHING", "no");
        a.same("GET", "o2");
        b.same("MSET", "o1", "1", "o2", "2");
        a.push();
        a.quiet();
    }

    @Test
    void flushesSendOneNullInvalidationAndSwapdbNone() {
        Pair a = new Pair();
        Pair b = new Pair();
        a.hello("3");
        a.same("CLIENT", "TRACKING", "on");
        a.same("MGET", "f1", "f2");
        b.same("FLUSHDB");
        a.push();
        a.quiet();
        b.same("SET", "f1", "again");                // the flush emptied the table
        a.quiet();
        a.same("GET", "f1");
        a.same("FLUSHALL");                          // its own flush: the reply, then one null
        a.push();
        a.quiet();
        a.same("GET", "f1");
        b.same("SET", "f1", "x");
        a.push();
        a.same("GET", "f1");
        b.same("SWAPDB", "0", "1");
        a.quiet();
        b.same("SWAPDB", "0", "1");
        b.same("FLUSHDB", "ASYNC");
        a.push();
        a.quiet();
    }

    @Test
    void expiredKeysAreInvalidated() throws Exception {
        Pair a = new Pair();
        Pair b = new Pair();
        a.hello("3");
        a.same("CLIENT", "TRACKING", "on");
        b.same("SET", "short", "1", "PX", "50");
        a.same("GET", "short");
        Thread.sleep(300);                           // the active expiry cycle deletes it meanwhile
        a.push();
        a.quiet();
        b.same("SET", "lazy", "1");
        a.same("GET", "lazy");
        b.same("DEBUG", "SET-ACTIVE-EXPIRE", "0");
        try {
            b.same("PEXPIRE", "lazy", "20");
            a.push();                                // PEXPIRE changed it
            a.same("GET", "lazy");
            Thread.sleep(100);
            b.same("GET", "lazy");                   // the read that finds it expired deletes it
            a.push();
            a.quiet();
        } finally {
            b.same("DEBUG", "SET-ACTIVE-EXPIRE", "1");
        }
    }

    @Test
    void bcastSendsTheChangedKeysOfEachPrefix() throws Exception {
        Pair a = new Pair();
        Pair b = new Pair();
        a.hello("3");
        a.same("CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "a", "PREFIX", "b", "NOLOOP");
        // one write, so both servers handle the batch in one turn: one message per prefix
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        for (String[] set : List.of(new String[] {"b2", "1"}, new String[] {"a1", "1"}, new String[] {"zz", "1"},
                new String[] {"a0", "1"}, new String[] {"b1", "1"}, new String[] {"a1", "2"})) {
            batch.writeBytes(RespClient.encode("SET".getBytes(), set[0].getBytes(), set[1].getBytes()));
        }
        b.r.sendRaw(batch.toByteArray());
        b.o.sendRaw(batch.toByteArray());
        for (int i = 0; i < 6; i++) {
            b.push();
        }
        a.push();
        a.push();
        a.quiet();
        a.same("SET", "a5", "mine");                 // NOLOOP: its own change is left out
        a.quiet();
        a.same("MSET", "a5", "1", "a6", "2");
        a.quiet();
        b.same("SET", "a5", "theirs");
        a.push();
        a.quiet();
        b.same("SET", "a7", "1", "PX", "20");
        a.push();
        b.same("DEBUG", "SET-ACTIVE-EXPIRE", "0");
        try {
            Thread.sleep(100);
            a.same("GET", "a7");                     // its own read expires the key: nobody's change, so told
            a.push();
            a.quiet();
        } finally {
            b.same("DEBUG", "SET-ACTIVE-EXPIRE", "1");
        }
        b.same("FLUSHALL");                          // BCAST clients hear of flushes too
        a.push();
        a.quiet();
    }

    @Test
    void resp2InvalidationsGoThroughTheRedirectClientsChannel() {
        Pair a = new Pair();
        Pair sub = new Pair();
        Pair c = new Pair();
        a.same("CLIENT", "TRACKING", "on", "REDIRECT", sub);
        a.same("GET", "k1");
        c.same("SET", "k1", "0");
        sub.quiet();                                 // a RESP2 target that subscribes to nothing is told nothing
        a.same("CLIENT", "TRACKING", "on", "REDIRECT", a);
        a.same("GET", "k1");
        c.same("SET", "k1", "1");
        a.quiet();                                   // nor is a RESP2 client redirecting to itself
        sub.same("SUBSCRIBE", "__redis__:invalidate");
        a.same("CLIENT", "TRACKING", "on", "REDIRECT", sub);
        a.sameIds("CLIENT", "GETREDIR");
        a.same("MGET", "k1", "k2");
        c.same("MSET", "k1", "1", "k2", "2");
        sub.push();
        sub.push();
        c.same("FLUSHALL");
        sub.push();                                  // null, in the tracking client's RESP2
        a.same("GET", "k1");
        a.same("SET", "k1", "own");                  // a RESP2 client redirecting gets nothing itself
        sub.push();
        sub.same("PING");                            // a subscriber's PING: nothing came before it
        a.quiet();
    }

    @Test
    void aRedirectClientThatGoesAwayBreaksTheRedirect() throws Exception {
        Pair a = new Pair();
        Pair gone = new Pair();
        Pair c = new Pair();
        a.same("CLIENT", "TRACKING", "on", "REDIRECT", gone);
        a.same("GET", "k");
        gone.close();
        Thread.sleep(200);                           // both servers notice the close
        c.same("SET", "k", "1");
        a.sameIds("CLIENT", "TRACKINGINFO");
        assertThat(trackingFields(a.o.callText("CLIENT", "INFO")))
                .isEqualTo(trackingFields(a.r.callText("CLIENT", "INFO")).replace("redir=" + gone.rid, "redir=" + gone.oid));
        a.hello("3");
        a.same("GET", "k");
        c.same("SET", "k", "2");
        a.push();                                    // tracking-redir-broken, with the id
        a.sameIds("CLIENT", "GETREDIR");
        c.same("FLUSHALL");
        a.push();
        a.quiet();
        a.same("CLIENT", "TRACKING", "on");          // enabling again forgets the broken redirect
        a.sameIds("CLIENT", "TRACKINGINFO");
    }

    @Test
    void resp3RedirectTargetGetsPushes() {
        Pair a = new Pair();
        Pair target = new Pair();
        Pair c = new Pair();
        target.hello("3");
        a.same("CLIENT", "TRACKING", "on", "REDIRECT", target);
        a.same("GET", "k");
        c.same("SET", "k", "1");
        target.push();
        c.same("FLUSHDB");
        target.push();                               // the null is in the tracking client's RESP2: $-1
        target.quiet();
    }

    @Test
    void trackingTableLimitInvalidatesKeysToStayUnderIt() {
        Pair a = new Pair();
        a.hello("3");
        a.same("CLIENT", "TRACKING", "on");
        a.same("CONFIG", "SET", "tracking-table-max-keys", "2");
        try {
            a.same("CONFIG", "GET", "tracking-table-max-keys");
            a.same("MGET", "m1", "m2", "m3");
            // which key goes is random in Redis: compare the shape, then the counts
            String expected = a.r.readReplyText();
            String actual = a.o.readReplyText();
            assertThat(actual.replaceAll("m[123]", "m?")).isEqualTo(expected.replaceAll("m[123]", "m?"));
            a.quiet();
            assertThat(info(a.o, "tracking_total_keys")).isEqualTo(info(a.r, "tracking_total_keys")).isEqualTo("2");
        } finally {
            a.same("CONFIG", "SET", "tracking-table-max-keys", "1000000");
        }
        a.same("CONFIG", "SET", "tracking-table-max-keys", "-1");
    }

    @Test
    void farOverTheLimitTheTableShrinksOverSeveralTurns() {
        Pair a = new Pair();
        a.hello("3");
        a.same("CLIENT", "TRACKING", "on");
        a.same("CONFIG", "SET", "tracking-table-max-keys", "100");
        try {
            String[] mget = new String[1001];
            mget[0] = "MGET";
            for (int i = 1; i <= 1000; i++) {
                mget[i] = "many:" + i;
            }
            a.same((Object[]) mget);
            for (int i = 0; i < 900; i++) {          // a push per key let go (each turn tries harder)
                assertThat(a.o.readReplyText()).startsWith(">2\r\n$10\r\ninvalidate\r\n*1\r\n$");
                assertThat(a.r.readReplyText()).startsWith(">2\r\n$10\r\ninvalidate\r\n*1\r\n$");
            }
            a.quiet();
            assertThat(info(a.o, "tracking_total_keys")).isEqualTo(info(a.r, "tracking_total_keys")).isEqualTo("100");
        } finally {
            a.same("CONFIG", "SET", "tracking-table-max-keys", "1000000");
        }
    }

    @Test
    void infoCountsTrackingClientsKeysItemsAndPrefixes() {
        Pair a = new Pair();
        Pair b = new Pair();
        Pair c = new Pair();
        a.same("CLIENT", "TRACKING", "on");
        b.same("CLIENT", "TRACKING", "on");
        c.same("CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "p", "PREFIX", "q");
        a.same("MGET", "i1", "i2", "i3");
        b.same("MGET", "i2", "i3");
        for (String field : List.of("tracking_clients", "tracking_total_keys", "tracking_total_items",
                "tracking_total_prefixes")) {
            assertThat(info(a.o, field)).as(field).isEqualTo(info(a.r, field));
        }
        assertThat(info(a.o, "tracking_total_items")).isEqualTo("5");
        c.same("CLIENT", "TRACKING", "off");
        assertThat(info(a.o, "tracking_total_prefixes")).isEqualTo(info(a.r, "tracking_total_prefixes")).isEqualTo("0");
        a.same("CLIENT", "KILL", "ID", b);           // a killed client stops counting at once
        assertThat(info(a.o, "tracking_clients")).isEqualTo(info(a.r, "tracking_clients")).isEqualTo("1");
    }

    private static String info(RespClient c, String field) {
        String text = c.callText("INFO", "everything");
        Matcher m = Pattern.compile("\r\n" + field + ":(\\S+)\r\n").matcher(text);
        assertThat(m.find()).as(field).isTrue();
        return m.group(1);
    }
}
