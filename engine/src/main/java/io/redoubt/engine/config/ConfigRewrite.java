package io.redoubt.engine.config;

import java.io.IOException;

/**
 * What CONFIG REWRITE calls: writes the current parameters back to the file the node was started
 * with. The node provides it only when it has such a file.
 */
@FunctionalInterface
public interface ConfigRewrite {
    void rewrite() throws IOException;
}
