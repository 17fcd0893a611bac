package io.redoubt.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Formats syslog messages as RFC 5424 section 6 writes them:
 * {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA [MSG]}. Header fields are cut to
 * their maximum lengths and made printable US-ASCII ({@code -} when empty); parameter values of the
 * structured data escape {@code "}, {@code \} and {@code ]}; a MSG that is not plain ASCII starts with
 * the UTF-8 byte-order mark, as the RFC requires for UTF-8 text.
 */
public final class Rfc5424 {
    /**
     * Redoubt's structured-data ID. 32473 is the private enterprise number RFC 5612 reserves for
     * examples: a deployment with its own number should not need to change anything else.
     */
    public static final String SD_ID = "redoubt@32473";
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private Rfc5424() {
    }

    /**
     * One message. {@code sdParams} are name/value pairs of the {@link #SD_ID} element (none: no
     * structured data, written {@code -}); null values are left out.
     */
    public static byte[] format(Facility facility, Severity severity, Instant time, String hostname, String appName,
                                long procId, String msgId, String[] sdParams, String msg) {
        StringBuilder h = new StringBuilder(256);
        h.append('<').append(facility.code() * 8 + severity.code()).append(">1 ")
                .append(time.truncatedTo(ChronoUnit.MICROS)).append(' ')
                .append(headerField(hostname, 255)).append(' ')
                .append(headerField(appName, 48)).append(' ')
                .append(procId).append(' ')
                .append(headerField(msgId, 32)).append(' ');
        if (sdParams == null || sdParams.length == 0) {
            h.append('-');
        } else {
            h.append('[').append(SD_ID);
            for (int i = 0; i + 1 < sdParams.length; i += 2) {
                if (sdParams[i + 1] != null) {
                    h.append(' ').append(sdParams[i]).append("=\"");
                    paramValue(h, sdParams[i + 1]);
                    h.append('"');
                }
            }
            h.append(']');
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(h.length() + (msg == null ? 0 : msg.length() + 4));
        out.writeBytes(h.toString().getBytes(StandardCharsets.UTF_8));
        if (msg != null && !msg.isEmpty()) {
            out.write(' ');
            if (msg.chars().anyMatch(c -> c > 0x7e)) {
                out.writeBytes(BOM);
            }
            out.writeBytes(msg.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** Printable US-ASCII (33-126) only, at most {@code max} characters; nothing becomes the NILVALUE. */
    static String headerField(String s, int max) {
        if (s == null || s.isEmpty()) {
            return "-";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), max));
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            b.append(c >= 33 && c <= 126 ? c : '_');
        }
        return b.toString();
    }

    private static void paramValue(StringBuilder b, String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\' || c == ']') {
                b.append('\\');
            }
            // line breaks would end the message for newline-framed receivers
            b.append(c == '\n' || c == '\r' ? ' ' : c);
        }
    }
}
