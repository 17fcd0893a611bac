package io.redoubt.engine.command;

/**
 * The type of one argument in a command's argument tree, as COMMAND DOCS names it. {@link #ONEOF}
 * and {@link #BLOCK} are the two containers: a oneof takes exactly one of its children, a block all
 * of them in order.
 */
public enum ArgumentType {
    STRING("string"),
    INTEGER("integer"),
    DOUBLE("double"),
    KEY("key"),
    PATTERN("pattern"),
    UNIX_TIME("unix-time"),
    PURE_TOKEN("pure-token"),
    ONEOF("oneof"),
    BLOCK("block");

    private final String wireName;

    ArgumentType(String wireName) {
        this.wireName = wireName;
    }

    /** The name COMMAND DOCS writes, e.g. {@code unix-time}. */
    public String wireName() {
        return wireName;
    }

    /** True for the types whose argument holds nested arguments. */
    public boolean isContainer() {
        return this == ONEOF || this == BLOCK;
    }

    /** The type called {@code name} on the wire, or null. */
    public static ArgumentType byWireName(String name) {
        for (ArgumentType t : values()) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
