package io.redoubt.resp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Writes replies as RESP2 or RESP3 bytes into a Netty buffer. One writer serves one connection; the
 * connection points it at the buffer of the current read batch with {@link #target} and flushes that
 * buffer once per batch.
 */
public final class RespWriter implements ReplySink {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] NULL_BULK_2 = "$-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_ARRAY_2 = "*-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_3 = "_\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OK = "+OK\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int CACHED = 1024;
    private static final byte[][] INTEGERS = headers(':');
    private static final byte[][] BULK_HEADERS = headers('$');
    private static final byte[][] ARRAY_HEADERS = headers('*');

    /** Told about every error reply, for INFO errorstats and failed-call counts. */
    @FunctionalInterface
    public interface ErrorObserver {
        void onError(String text);
    }

    private ByteBuf out;
    private int protocol = 2;
    private ErrorObserver errorObserver;
    private long errors;

    private static byte[][] headers(char type) {
        byte[][] cache = new byte[CACHED][];
        for (int i = 0; i < CACHED; i++) {
            cache[i] = (type + Integer.toString(i) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        }
        return cache;
    }

    public void errorObserver(ErrorObserver observer) {
        this.errorObserver = observer;
    }

    /** Error replies written so far. */
    public long errors() {
        return errors;
    }

    public void target(ByteBuf out) {
        this.out = out;
    }

    public ByteBuf target() {
        return out;
    }

    public void protocol(int protocol) {
        this.protocol = protocol;
    }

    @Override
    public int protocol() {
        return protocol;
    }

    @Override
    public void simple(String text) {
        out.writeByte('+');
        out.writeCharSequence(text, StandardCharsets.UTF_8);
        out.writeBytes(CRLF);
    }

    @Override
    public void ok() {
        out.writeBytes(OK);
    }

    /**
     * Resets the count of error replies: the errors written for the commands a script ran belong to
     * those commands' statistics, not to the script's own call.
     */
    public void errors(long count) {
        this.errors = count;
    }

    @Override
    public void errorAlreadyCounted(String text) {
        errors++;
        writeError(text);
    }

    @Override
    public void error(String text) {
        errors++;
        if (errorObserver != null) {
            errorObserver.onError(text);
        }
        writeError(text);
    }

    private void writeError(String text) {
        out.writeByte('-');
        // An error line cannot carry CR or LF; Redis replaces them with spaces.
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                text = text.replace('\r', ' ').replace('\n', ' ');
                break;
            }
        }
        out.writeCharSequence(text, StandardCharsets.UTF_8);
        out.writeBytes(CRLF);
    }

    @Override
    public void integer(long value) {
        if (value >= 0 && value < CACHED) {
            out.writeBytes(INTEGERS[(int) value]);
        } else {
            out.writeByte(':');
            writeDecimal(value);
            out.writeBytes(CRLF);
        }
    }

    @Override
    public void bulk(byte[] value, int offset, int length) {
        header(BULK_HEADERS, '$', length);
        out.writeBytes(value, offset, length);
        out.writeBytes(CRLF);
    }

    @Override
    public void nullBulk() {
        out.writeBytes(protocol == 3 ? NULL_3 : NULL_BULK_2);
    }

    @Override
    public void nullArray() {
        out.writeBytes(protocol == 3 ? NULL_3 : NULL_ARRAY_2);
    }

    @Override
    public void array(int length) {
        header(ARRAY_HEADERS, '*', length);
    }

    @Override
    public void map(int length) {
        if (protocol == 3) {
            aggregate('%', length);
        } else {
            header(ARRAY_HEADERS, '*', length * 2);
        }
    }

    @Override
    public void set(int length) {
        if (protocol == 3) {
            aggregate('~', length);
        } else {
            header(ARRAY_HEADERS, '*', length);
        }
    }

    @Override
    public void push(int length) {
        if (protocol == 3) {
            aggregate('>', length);
        } else {
            header(ARRAY_HEADERS, '*', length);
        }
    }

    @Override
    public void doubleValue(double value) {
        String text = DoubleFormat.g17(value);
        if (protocol == 3) {
            out.writeByte(',');
            out.writeCharSequence(text, StandardCharsets.US_ASCII);
            out.writeBytes(CRLF);
        } else {
            bulk(text.getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Override
    public void bool(boolean value) {
        if (protocol == 3) {
            out.writeByte('#');
            out.writeByte(value ? 't' : 'f');
            out.writeBytes(CRLF);
        } else {
            integer(value ? 1 : 0);
        }
    }

    @Override
    public void verbatim(String format, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        if (protocol == 3) {
            out.writeByte('=');
            writeDecimal(body.length + 4);
            out.writeBytes(CRLF);
            out.writeCharSequence(format, StandardCharsets.US_ASCII);
            out.writeByte(':');
            out.writeBytes(body);
            out.writeBytes(CRLF);
        } else {
            bulk(body);
        }
    }

    @Override
    public void bigNumber(String digits) {
        if (protocol == 3) {
            out.writeByte('(');
            out.writeCharSequence(digits, StandardCharsets.US_ASCII);
            out.writeBytes(CRLF);
        } else {
            bulk(digits.getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Override
    public void raw(byte[] encoded) {
        out.writeBytes(encoded);
    }

    private void header(byte[][] cache, char type, int length) {
        if (length >= 0 && length < CACHED) {
            out.writeBytes(cache[length]);
        } else {
            aggregate(type, length);
        }
    }

    private void aggregate(char type, long length) {
        out.writeByte(type);
        writeDecimal(length);
        out.writeBytes(CRLF);
    }

    private void writeDecimal(long value) {
        if (value == Long.MIN_VALUE) {
            out.writeCharSequence("-9223372036854775808", StandardCharsets.US_ASCII);
            return;
        }
        if (value < 0) {
            out.writeByte('-');
            value = -value;
        }
        int digits = 1;
        for (long v = value; v >= 10; v /= 10) {
            digits++;
        }
        int start = out.writerIndex();
        out.ensureWritable(digits);
        for (int i = digits - 1; i >= 0; i--) {
            out.setByte(start + i, (int) ('0' + value % 10));
            value /= 10;
        }
        out.writerIndex(start + digits);
    }
}
