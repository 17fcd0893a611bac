package io.redoubt.engine.command;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The timeout argument of blocking commands (BLPOP, BZPOPMIN, BLMOVE, ...), read as Redis 7.0 reads
 * it: seconds as a {@code long double} (strtold rules), times 1000, rounded up to whole milliseconds
 * ({@code 0.0001} waits 1 ms, {@code -0.0001} rounds to 0 and waits forever). A product beyond the
 * range of a C {@code long long} converts to its minimum on x86, so Redis calls infinities and huge
 * values negative; we reproduce those replies.
 */
public final class BlockingTimeout {
    public static final String NOT_A_FLOAT = "ERR timeout is not a float or out of range";
    public static final String NEGATIVE = "ERR timeout is negative";

    /** Long double keeps about 19 significant decimal digits. */
    private static final MathContext LONG_DOUBLE = new MathContext(19, RoundingMode.HALF_EVEN);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private BlockingTimeout() {
    }

    /** Milliseconds to wait, 0 meaning forever; throws Redis's error for a refused argument. */
    public static long parseSeconds(byte[] arg) {
        BigDecimal seconds = LongDouble.parse(arg);
        if (seconds == null) {
            throw new CommandException(NOT_A_FLOAT);
        }
        if (LongDouble.isInfinite(seconds)) {
            throw new CommandException(NEGATIVE);
        }
        BigDecimal millis = seconds.multiply(THOUSAND).round(LONG_DOUBLE).setScale(0, RoundingMode.CEILING);
        if (millis.signum() < 0 || millis.compareTo(LONG_MAX) > 0) {
            throw new CommandException(NEGATIVE);
        }
        return millis.longValueExact();
    }
}
