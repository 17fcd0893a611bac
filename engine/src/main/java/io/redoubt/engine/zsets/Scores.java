package io.redoubt.engine.zsets;

import io.redoubt.engine.command.Args;
import io.redoubt.engine.command.CommandException;
import io.redoubt.resp.Errors;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Score arguments parsed as Redis parses them with C's strtod: decimal and {@code inf} forms as
 * {@link Args#parseDouble} takes them, plus hexadecimal floats ({@code 0x10}, {@code 0x1.8p3}),
 * which strtod accepts too. NaN is always refused.
 */
public final class Scores {
    private static final Pattern HEX = Pattern.compile("[+-]?0[xX](?:[0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)(?:[pP][+-]?[0-9]+)?");

    private Scores() {
    }

    /** A score argument; {@code error} when it is not a number strtod takes whole. */
    static double parse(byte[] arg, String error) {
        Double v = parseOrNull(arg);
        if (v == null) {
            throw new CommandException(error);
        }
        return v;
    }

    static double parse(byte[] arg) {
        return parse(arg, Errors.NOT_FLOAT);
    }

    public static Double parseOrNull(byte[] arg) {
        Double v = Args.parseDoubleOrNull(arg);
        if (v != null || arg.length > 128) {
            return v;
        }
        String text = new String(arg, StandardCharsets.ISO_8859_1);
        if (!HEX.matcher(text).matches()) {
            return null;
        }
        String javaForm = text.indexOf('p') < 0 && text.indexOf('P') < 0 ? text + "p0" : text;
        double d = Double.parseDouble(javaForm);
        return Double.isNaN(d) ? null : d;
    }
}
