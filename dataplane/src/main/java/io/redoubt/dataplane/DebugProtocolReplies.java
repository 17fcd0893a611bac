package io.redoubt.dataplane;

import io.redoubt.engine.command.CommandException;
import io.redoubt.resp.ReplySink;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * DEBUG PROTOCOL type: Redis 7.0's test value of each RESP type, so that client libraries can test
 * their parsers against a server. A RESP2 client gets each in its RESP2 form, as from Redis; an
 * attribute is sent to RESP3 clients only, and a push is refused under RESP2.
 */
final class DebugProtocolReplies {
    private static final byte[] ATTRIBUTE_HEADER = "|1\r\n".getBytes(StandardCharsets.US_ASCII);

    private DebugProtocolReplies() {
    }

    static void write(ReplySink r, String type) {
        switch (type.toLowerCase(Locale.ROOT)) {
            case "string" -> r.bulk("Hello World");
            case "integer" -> r.integer(12345);
            case "double" -> r.doubleValue(3.141);
            case "bignum" -> r.bigNumber("1234567999999999999999999999999999999");
            case "null" -> r.nullBulk();
            case "array" -> {
                r.array(3);
                numbers(r);
            }
            case "set" -> {
                r.set(3);
                numbers(r);
            }
            case "map" -> {
                r.map(3);
                for (int i = 0; i < 3; i++) {
                    r.integer(i);
                    r.bool(i == 1);
                }
            }
            case "attrib" -> {
                if (r.protocol() >= 3) {
                    r.raw(ATTRIBUTE_HEADER);
                    r.bulk("key-popularity");
                    r.array(2);
                    r.bulk("key:123");
                    r.integer(90);
                }
                // an attribute is not a reply: a real one follows, as from Redis
                r.bulk("Some real reply following the attribute");
            }
            case "push" -> {
                if (r.protocol() < 3) {
                    throw new CommandException("ERR RESP2 is not supported by this command");
                }
                r.push(2);
                r.bulk("server-cpu-usage");
                r.integer(42);
                // a push is not a reply either: clients that skip it still get one
                r.bulk("Some real reply following the push reply");
            }
            case "true" -> r.bool(true);
            case "false" -> r.bool(false);
            case "verbatim" -> r.verbatim("txt", "This is a verbatim\nstring");
            default -> throw new CommandException("ERR Wrong protocol type name. Please use one of the following: "
                    + "string|integer|double|bignum|null|array|set|map|attrib|push|verbatim|true|false");
        }
    }

    private static void numbers(ReplySink r) {
        for (int i = 0; i < 3; i++) {
            r.integer(i);
        }
    }
}
