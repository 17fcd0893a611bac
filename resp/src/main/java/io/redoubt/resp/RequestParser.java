package io.redoubt.resp;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

/**
 * Incremental parser for client requests, one per connection. It accepts input split at any byte:
 * {@link #parse} consumes every complete request from the buffer, hands each to the sink as an
 * argument vector, and leaves an incomplete header line unread for the next call. Bulk bodies are
 * copied straight into their argument array as they arrive, so a large value is never buffered twice.
 *
 * <p>Every length read from the wire is checked against {@link RespLimits} before anything is
 * allocated for it, and nothing is sized from a client's word alone: argument lists grow as
 * arguments arrive, and a bulk's array starts at the bytes already received (or a small chunk) and
 * doubles as more arrive, up to the announced length. A header announcing 512 MB thus costs what the
 * client actually sent, as in Redis, and the doubling keeps the copying linear in the value's size.
 * Error texts are Redis's own ({@code networking.c}).
 */
public final class RequestParser {

    /** Receives each complete request. */
    @FunctionalInterface
    public interface Sink {
        /**
         * Handles one request; returns {@code false} to stop parsing (for example after the handler
         * decided to close the connection or to pause reading).
         */
        boolean onRequest(byte[][] argv);
    }

    private static final int INITIAL_ARGS = 8;
    private static final int MAX_PRESIZE = 1024;
    /** A bulk's first array when fewer of its bytes have arrived: small enough for any client to get. */
    static final int BULK_CHUNK = 16 * 1024;
    /** The largest array a JVM reliably allocates: a larger proto-max-bulk-len cannot be honoured. */
    private static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private RespLimits limits;
    private boolean authenticated;
    private final HeaderLine header = new HeaderLine();

    // Multibulk state that survives between calls.
    private int argsExpected;          // 0: not inside a multibulk request
    private byte[][] args = new byte[INITIAL_ARGS][];
    private int argCount;
    private byte[] bulk;               // the argument being filled, or null when a '$' header is due
    private int bulkLength;            // its announced length; bulk.length grows towards it as bytes arrive
    private int bulkFilled;
    private long pendingBytes;         // bytes of the current request held so far

    public RequestParser(RespLimits limits) {
        this.limits = limits;
    }

    public void limits(RespLimits limits) {
        this.limits = limits;
    }

    /** Before authentication Redis caps argument counts and bulk sizes to blunt memory attacks. */
    public void authenticated(boolean authenticated) {
        this.authenticated = authenticated;
    }

    /**
     * A TLS record header (handshake, version 3.x) where an inline command should start: a TLS client
     * on the plain port. Refused at once rather than read as a command (it may hold no newline and
     * would wait for the inline limit). Checked only on the inline path, never for RESP requests.
     */
    public static final String TLS_ON_PLAIN_PORT = "Protocol error: TLS handshake received on a plain-text port";
    private static final byte TLS_HANDSHAKE_RECORD = 0x16;

    /** True while a request has been partly read. */
    public boolean inRequest() {
        return argsExpected > 0;
    }

    /**
     * Consumes complete requests from {@code in}. Returns normally when more input is needed or the
     * sink asked to stop; throws when the input breaks the protocol (the caller replies with
     * {@code -ERR <message>} and closes the connection).
     */
    public void parse(ByteBuf in, Sink sink) throws RespProtocolException {
        while (in.isReadable()) {
            if (argsExpected == 0) {
                if (in.getByte(in.readerIndex()) == '*') {
                    int r = startMultibulk(in);
                    if (r < 0) {
                        return;
                    }
                    if (r == 0) {
                        continue; // empty multibulk: nothing to run
                    }
                } else {
                    byte[][] argv = readInline(in);
                    if (argv == null) {
                        return;
                    }
                    if (argv.length > 0 && !sink.onRequest(argv)) {
                        return;
                    }
                    continue;
                }
            }
            if (!readArguments(in)) {
                checkQueryBuffer(in);
                return;
            }
            byte[][] argv = finishRequest();
            if (!sink.onRequest(argv)) {
                return;
            }
        }
    }

    private void checkQueryBuffer(ByteBuf in) throws RespProtocolException {
        if (pendingBytes + in.readableBytes() > limits.maxQueryBuffer()) {
            throw new QueryBufferOverflow();
        }
    }

    /** Thrown when a client's partial request outgrows {@code client-query-buffer-limit}. */
    public static final class QueryBufferOverflow extends RespProtocolException {
        private static final long serialVersionUID = 1L;

        QueryBufferOverflow() {
            super("client query buffer limit exceeded");
        }
    }

    /** Returns -1 when the header is incomplete, 0 for an empty request, 1 when arguments follow. */
    private int startMultibulk(ByteBuf in) throws RespProtocolException {
        int start = in.readerIndex();
        int cr = header.scan(in, start);
        if (cr < 0) {
            if (in.readableBytes() > limits.maxInlineLength()) {
                throw new RespProtocolException("Protocol error: too big mbulk count string");
            }
            return -1;
        }
        if (cr - start > limits.maxInlineLength()) {
            throw new RespProtocolException("Protocol error: too big mbulk count string");
        }
        if (cr + 1 >= in.writerIndex()) {
            return -1; // wait for the '\n'
        }
        long count = header.value();
        if (count == Long.MIN_VALUE || count > Integer.MAX_VALUE) {
            throw new RespProtocolException("Protocol error: invalid multibulk length");
        }
        if (count > limits.maxUnauthArgs() && !authenticated) {
            throw new RespProtocolException("Protocol error: unauthenticated multibulk length");
        }
        in.readerIndex(cr + 2);
        if (count <= 0) {
            return 0;
        }
        argsExpected = (int) count;
        argCount = 0;
        pendingBytes = cr + 2 - start;
        int size = (int) Math.min(count, MAX_PRESIZE);
        if (args.length < size || args.length > MAX_PRESIZE) {
            args = new byte[Math.max(size, INITIAL_ARGS)][];
        }
        return 1;
    }

    /** Reads argument headers and bodies; returns true once every argument is complete. */
    private boolean readArguments(ByteBuf in) throws RespProtocolException {
        while (argCount < argsExpected) {
            if (bulk == null) {
                int start = in.readerIndex();
                int available = in.readableBytes();
                if (available == 0) {
                    return false;
                }
                int cr = header.scan(in, start);
                if (cr < 0) {
                    if (available > limits.maxInlineLength()) {
                        throw new RespProtocolException("Protocol error: too big bulk count string");
                    }
                    return false;
                }
                if (cr + 1 >= in.writerIndex()) {
                    return false;
                }
                byte first = header.type();
                if (first != '$') {
                    throw new RespProtocolException("Protocol error: expected '$', got '" + (char) (first & 0xff) + "'");
                }
                long length = header.value();
                if (length == Long.MIN_VALUE || length < 0 || length > limits.maxBulkLength()
                        || length > MAX_ARRAY_LENGTH) {
                    throw new RespProtocolException("Protocol error: invalid bulk length");
                }
                if (length > limits.maxUnauthBulkLength() && !authenticated) {
                    throw new RespProtocolException("Protocol error: unauthenticated bulk length");
                }
                if (pendingBytes + length > limits.maxQueryBuffer()) {
                    throw new QueryBufferOverflow();
                }
                in.readerIndex(cr + 2);
                pendingBytes += cr + 2 - start;
                bulkLength = (int) length;
                bulk = new byte[Math.min(bulkLength, Math.max(BULK_CHUNK, in.readableBytes()))];
                bulkFilled = 0;
            }
            int take = Math.min(bulkLength - bulkFilled, in.readableBytes());
            if (bulkFilled + take > bulk.length) {
                growBulk(bulkFilled + take);
            }
            in.readBytes(bulk, bulkFilled, take);
            bulkFilled += take;
            pendingBytes += take;
            if (bulkFilled < bulkLength) {
                return false;
            }
            // Like Redis, the two bytes after a bulk body are skipped without being checked.
            if (in.readableBytes() < 2) {
                return false;
            }
            in.skipBytes(2);
            pendingBytes += 2;
            if (argCount == args.length) {
                byte[][] grown = new byte[Math.min(args.length * 2, argsExpected)][];
                System.arraycopy(args, 0, grown, 0, argCount);
                args = grown;
            }
            args[argCount++] = bulk;
            bulk = null;
        }
        return true;
    }

    /**
     * Makes room for {@code needed} bytes of the current bulk, all of them already received: at least
     * doubles the array (so a value arriving in small reads is copied O(1) times per byte on average),
     * never beyond the announced length.
     */
    private void growBulk(int needed) {
        long doubled = Math.max((long) bulk.length * 2, needed);
        bulk = java.util.Arrays.copyOf(bulk, (int) Math.min(bulkLength, doubled));
    }

    /**
     * Forgets the request being read and every buffer held for it. A closed connection calls this, so
     * whatever a client announced or half sent is garbage at once, even if something still refers to
     * the parser.
     */
    public void reset() {
        argsExpected = 0;
        argCount = 0;
        args = new byte[INITIAL_ARGS][];
        bulk = null;
        bulkLength = 0;
        bulkFilled = 0;
        pendingBytes = 0;
    }

    private byte[][] finishRequest() {
        byte[][] argv = new byte[argCount][];
        System.arraycopy(args, 0, argv, 0, argCount);
        java.util.Arrays.fill(args, 0, argCount, null);
        argsExpected = 0;
        argCount = 0;
        pendingBytes = 0;
        return argv;
    }

    private byte[][] readInline(ByteBuf in) throws RespProtocolException {
        int start = in.readerIndex();
        if (in.getByte(start) == TLS_HANDSHAKE_RECORD && in.readableBytes() > 1 && in.getByte(start + 1) == 3) {
            throw new RespProtocolException(TLS_ON_PLAIN_PORT);
        }
        int lf = in.forEachByte(start, in.readableBytes(), ByteProcessor.FIND_LF);
        if (lf < 0) {
            if (in.readableBytes() > limits.maxInlineLength()) {
                throw new RespProtocolException("Protocol error: too big inline request");
            }
            return null;
        }
        int end = lf;
        if (end > start && in.getByte(end - 1) == '\r') {
            end--;
        }
        byte[] line = new byte[end - start];
        in.getBytes(start, line);
        in.readerIndex(lf + 1);
        byte[][] argv = InlineSplitter.split(line, 0, line.length);
        if (argv == null) {
            throw new RespProtocolException("Protocol error: unbalanced quotes in request");
        }
        return argv;
    }
}
