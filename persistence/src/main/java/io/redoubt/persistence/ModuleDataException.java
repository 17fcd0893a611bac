package io.redoubt.persistence;

/** An RDB that holds module values: Redoubt has no modules, so it cannot load them. */
public final class ModuleDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ModuleDataException() {
        super("the RDB holds module data (a value or aux field written by a Redis module); Redoubt has no modules"
                + " and cannot load it: export the data without the module's types");
    }
}
