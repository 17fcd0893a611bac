package io.redoubt.resp;

/**
 * The error texts Redis sends, kept in one place so that every module replies with exactly the same
 * words. Each constant is the text after the leading {@code -}.
 */
public final class Errors {
    private Errors() {
    }

    public static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    public static final String SYNTAX = "ERR syntax error";
    public static final String NOT_INTEGER = "ERR value is not an integer or out of range";
    public static final String NOT_FLOAT = "ERR value is not a valid float";
    public static final String OVERFLOW = "ERR increment or decrement would overflow";
    public static final String NO_SUCH_KEY = "ERR no such key";
    public static final String INDEX_OUT_OF_RANGE = "ERR index out of range";
    public static final String DB_INDEX_OUT_OF_RANGE = "ERR DB index is out of range";
    public static final String OOM = "OOM command not allowed when used memory > 'maxmemory'.";
    public static final String NOAUTH = "NOAUTH Authentication required.";
    public static final String WRONGPASS = "WRONGPASS invalid username-password pair or user is disabled.";
    public static final String STRING_TOO_LONG = "ERR string exceeds maximum allowed size (proto-max-bulk-len)";
    public static final String NAN_OR_INFINITY = "ERR increment would produce NaN or Infinity";
    public static final String CROSSSLOT = "CROSSSLOT Keys in request don't hash to the same slot";
    public static final String NOT_ALLOWED_IN_MULTI = "ERR Command not allowed inside a transaction";
    public static final String OUT_OF_RANGE_POSITIVE = "ERR value is out of range, must be positive";
    public static final String INVALID_CURSOR = "ERR invalid cursor";
    public static final String TIMEOUT_NOT_FLOAT = "ERR timeout is not a float or out of range";
    public static final String TIMEOUT_NEGATIVE = "ERR timeout is negative";
    public static final String HASH_VALUE_NOT_INTEGER = "ERR hash value is not an integer";
    public static final String HASH_VALUE_NOT_FLOAT = "ERR hash value is not a float";
    public static final String NAN_OR_INFINITY_VALUE = "ERR value is NaN or Infinity";
    public static final String OUT_OF_RANGE = "ERR value is out of range";
    public static final String NUMKEYS_NOT_POSITIVE = "ERR numkeys should be greater than 0";
    public static final String NUMKEYS_TOO_MANY = "ERR Number of keys can't be greater than number of args";
    public static final String LIMIT_NEGATIVE = "ERR LIMIT can't be negative";

    /** Redis's getRangeLongFromObjectOrReply without a custom message. */
    public static String outOfRangeBetween(long min, long max) {
        return "ERR value is out of range, value must between " + min + " and " + max;
    }

    public static final String NO_CONFIG_FILE = "ERR The server is running without a config file";
    /** A client's write on a read-only replica. */
    public static final String READONLY_REPLICA = "READONLY You can't write against a read only replica.";
    /** A write on a master with fewer good replicas than min-replicas-to-write. */
    public static final String NOREPLICAS = "NOREPLICAS Not enough good replicas to write.";
    /** A replica whose master link is down, with replica-serve-stale-data no. */
    public static final String MASTERDOWN = "MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.";

    public static String wrongArity(String command) {
        return "ERR wrong number of arguments for '" + command + "' command";
    }

    public static String invalidExpire(String command) {
        return "ERR invalid expire time in '" + command + "' command";
    }

    public static String unknownSubcommand(String sub, String command) {
        return "ERR unknown subcommand '" + sub + "'. Try " + command.toUpperCase(java.util.Locale.ROOT) + " HELP.";
    }
}
