package io.redoubt.engine.keyspace;

import java.util.List;

/**
 * A shard's function libraries (FUNCTION LOAD) as persistence sees them: the code of each, which an
 * RDB holds and a load compiles again. Scripting implements it; the shard carries it so that snapshots
 * and loaders reach it without knowing Lua. Used on the shard's thread.
 */
public interface FunctionLibraries {
    /** Each library's code as FUNCTION LOAD received it (shebang included). */
    List<byte[]> codes();

    /**
     * Loads a library read from an RDB, replacing one of the same name.
     *
     * @throws IllegalArgumentException with Redis's text when the code does not load
     */
    void load(byte[] code);

    /** Removes every library (a full load replaces them). */
    void clear();

    /** A shard without scripting: no libraries, and an RDB holding some cannot be loaded. */
    FunctionLibraries NONE = new FunctionLibraries() {
        @Override
        public List<byte[]> codes() {
            return List.of();
        }

        @Override
        public void load(byte[] code) {
            throw new IllegalArgumentException("this server has no scripting and cannot load function libraries");
        }

        @Override
        public void clear() {
        }
    };
}
