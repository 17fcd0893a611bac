package io.redoubt.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * tls-protocols: the TLS versions a listener accepts. TLS 1.2 is the floor everywhere; TLS 1.0 and 1.1
 * are refused with a message rather than silently dropped, so an operator who asks for them learns why.
 */
public final class TlsProtocols {
    public static final String TLS12 = "TLSv1.2";
    public static final String TLS13 = "TLSv1.3";

    private TlsProtocols() {
    }

    /** Space-separated versions, case-insensitive; empty means TLS 1.2 and 1.3. */
    public static List<String> parse(String text) throws TlsConfigException {
        List<String> out = new ArrayList<>();
        for (String word : text.trim().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            String v = switch (word.toLowerCase(Locale.ROOT)) {
                case "tlsv1.2" -> TLS12;
                case "tlsv1.3" -> TLS13;
                case "tlsv1", "tlsv1.0", "tlsv1.1", "sslv3", "sslv2" -> throw new TlsConfigException(
                        "tls-protocols: " + word + " is refused: TLS 1.2 is the minimum; use \"TLSv1.2 TLSv1.3\""
                                + " or \"TLSv1.3\"");
                default -> throw new TlsConfigException("tls-protocols: unknown protocol '" + word
                        + "' (use TLSv1.2 and/or TLSv1.3)");
            };
            if (!out.contains(v)) {
                out.add(v);
            }
        }
        return out.isEmpty() ? List.of(TLS13, TLS12) : List.copyOf(out);
    }
}
