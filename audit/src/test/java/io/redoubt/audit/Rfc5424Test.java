package io.redoubt.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The header, structured data and MSG as RFC 5424 section 6 writes them. */
class Rfc5424Test {
    private static final Instant T = Instant.parse("2026-12-03T17:04:01.123456789Z");

    @Test
    void headerFieldsInOrderWithPriorityFromFacilityAndSeverity() {
        String m = new String(Rfc5424.format(Facility.LOCAL0, Severity.WARNING, T, "node-1", "redoubt", 42,
                "auth.failure", new String[] {"type", "auth.failure", "actor", "alice", "client", null}, "{\"a\":1}"),
                StandardCharsets.UTF_8);
        // local0 = 16: 16 * 8 + 4 = 132; fractions cut to microseconds
        assertThat(m).isEqualTo("<132>1 2026-12-03T17:04:01.123456Z node-1 redoubt 42 auth.failure "
                + "[redoubt@32473 type=\"auth.failure\" actor=\"alice\"] {\"a\":1}");
    }

    @Test
    void escapesParameterValuesAndMarksUtf8Messages() {
        byte[] m = Rfc5424.format(Facility.USER, Severity.NOTICE, T, "h", "app name", 1, null,
                new String[] {"detail", "a\"b\\c]d\ne"}, "café");
        String s = new String(m, StandardCharsets.UTF_8);
        assertThat(s).startsWith("<13>1 ").contains(" h app_name 1 - ")
                .contains("detail=\"a\\\"b\\\\c\\]d e\"]");
        int bom = s.indexOf('\uFEFF');
        assertThat(bom).isPositive();
        assertThat(s.substring(bom + 1)).isEqualTo("café");
    }

    @Test
    void noStructuredDataIsTheNilValue() {
        String s = new String(Rfc5424.format(Facility.LOCAL7, Severity.DEBUG, T, "", "", 7, "log", null, null),
                StandardCharsets.US_ASCII);
        assertThat(s).isEqualTo("<191>1 2026-12-03T17:04:01.123456Z - - 7 log -");
    }
}
