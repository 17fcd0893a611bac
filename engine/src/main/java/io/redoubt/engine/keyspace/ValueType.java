package io.redoubt.engine.keyspace;

/** The data type of a value, with the name TYPE reports. */
public enum ValueType {
    STRING("string"), LIST("list"), SET("set"), ZSET("zset"), HASH("hash"), STREAM("stream");

    private final String wireName;

    ValueType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static ValueType byName(String name) {
        for (ValueType t : values()) {
            if (t.wireName.equalsIgnoreCase(name)) {
                return t;
            }
        }
        return null;
    }
}
