package io.redoubt.it.audit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 5424's ABNF (section 6) as a regular expression, written from the RFC for the tests: a raw
 * message that does not match is not valid syslog, whatever a lenient receiver made of it.
 */
final class Rfc5424Syntax {
    private static final String PRINT = "[\\x21-\\x7e]";
    private static final String SD_NAME = "[\\x21\\x23-\\x3c\\x3e-\\x5c\\x5e-\\x7e]{1,32}"; // no = SP ] "
    private static final String PARAM = SD_NAME + "=\"(?:[^\"\\\\\\]]|\\\\[\"\\\\\\]])*\"";
    private static final String ELEMENT = "\\[" + SD_NAME + "(?: " + PARAM + ")*\\]";
    private static final Pattern MESSAGE = Pattern.compile("<(\\d{1,3})>1 "
            + "(-|\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,6})?(?:Z|[+-]\\d{2}:\\d{2})) "
            + "(" + PRINT + "{1,255}) (" + PRINT + "{1,48}) (" + PRINT + "{1,128}) (" + PRINT + "{1,32}) "
            + "(-|(?:" + ELEMENT + ")+)(?: (.*))?", Pattern.DOTALL);

    private Rfc5424Syntax() {
    }

    /** The parsed message, or null when {@code raw} is not RFC 5424. */
    static Matcher parse(String raw) {
        Matcher m = MESSAGE.matcher(raw);
        if (!m.matches() || Integer.parseInt(m.group(1)) > 191) {
            return null;
        }
        return m;
    }
}
