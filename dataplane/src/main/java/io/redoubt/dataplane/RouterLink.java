package io.redoubt.dataplane;

import io.netty.util.AttributeKey;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The trust between a multi-shard database's router and its shards: a secret made in memory when the
 * database starts, never written, logged or shown, that only the router and the shards hold. A shard
 * is reached in-process only: its links are Netty local channels on the shard's thread, and a link
 * starts only with the router's hello object for this link ({@link #localHello}, checked by
 * {@link LocalLinkGate}), which names the client the link serves; the shard then treats the link as
 * that client for everything that depends on the address (the AUTH throttle, CLIENT LIST, protected
 * mode, ACL LOG, audit). The end of the client's input travels as a marker ({@link #INPUT_ENDED}),
 * since local channels cannot be half-closed. (Shards on other nodes, with the cluster, will need a
 * network link with mutual TLS: that link will open with its own hello.)
 *
 * <p>The router also asks a link, between requests, where its client stands with authentication
 * ({@link #authStateQuery}), so that it parses the client's next request with the limits a
 * one-shard endpoint would apply. The question travels among the client's requests and carries the
 * secret, so a client that sends the same words through the router gets Redis's unknown-command
 * error, as from Redis.
 */
public final class RouterLink {
    /** The client a routed link serves, set by {@link LocalLinkGate} before the connection starts. */
    static final AttributeKey<RoutedClient> CLIENT = AttributeKey.valueOf("redoubt.routedClient");

    /**
     * The address of the client a link serves, the database address it connected to, and the ACL user
     * its TLS client certificate names (null: none), whom the shard authenticates the link as.
     */
    record RoutedClient(InetSocketAddress remote, InetSocketAddress local, String certificateUser) {
    }

    /** The first message on an in-process link: the client it serves, from the router holding {@code link}. */
    record LocalHello(RouterLink link, RoutedClient client) {
    }

    /**
     * Sent on an in-process link after the client's last request when the client has shut its sending
     * side: the shard treats it as the end of the link's input (see {@link LocalLinkGate}).
     */
    public static final Object INPUT_ENDED = new Object() {
        @Override
        public String toString() {
            return "RouterLink.INPUT_ENDED";
        }
    };

    /** Answers to {@link #authStateQuery}: authenticated, not authenticated but not required, required. */
    public static final long AUTHENTICATED = 2;
    public static final long AUTH_NOT_REQUIRED = 1;
    public static final long AUTH_REQUIRED = 0;

    static final byte[] NAME = "REDOUBT.LINK".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AUTH_STATE = "AUTHSTATE".getBytes(StandardCharsets.US_ASCII);
    private static final int SECRET_BYTES = 32;

    private final byte[] secret; // hex text, as it travels

    private RouterLink(byte[] secret) {
        this.secret = secret;
    }

    /** A new secret from a strong random source, for one database's lifetime. */
    public static RouterLink generate() {
        byte[] raw = new byte[SECRET_BYTES];
        new SecureRandom().nextBytes(raw);
        return new RouterLink(HexFormat.of().formatHex(raw).getBytes(StandardCharsets.US_ASCII));
    }

    /** The first message of an in-process link ({@link LocalLinkGate}) serving {@code client}. */
    public Object localHello(InetSocketAddress client, InetSocketAddress local, String certificateUser) {
        return new LocalHello(this, new RoutedClient(client, local, certificateUser));
    }

    /** Asks a shard where the link's client stands: it answers {@code :2}, {@code :1} or {@code :0}. */
    public byte[] authStateQuery() {
        return encode(NAME, secret, AUTH_STATE);
    }

    /** Whether {@code argv} is the router's question, secret included (compared in constant time). */
    boolean isAuthStateQuery(byte[][] argv) {
        return argv.length == 3 && MessageDigest.isEqual(argv[0], NAME) && MessageDigest.isEqual(argv[2], AUTH_STATE)
                && matches(argv[1]);
    }

    boolean matches(byte[] candidate) {
        return MessageDigest.isEqual(candidate, secret);
    }

    private static byte[] encode(byte[]... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("*" + argv.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] a : argv) {
            out.writeBytes(("$" + a.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(a);
            out.writeBytes(new byte[] {'\r', '\n'});
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "RouterLink<secret redacted>";
    }
}
