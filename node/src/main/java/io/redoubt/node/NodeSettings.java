package io.redoubt.node;

import io.redoubt.audit.FileRotation;
import java.nio.file.Path;

/**
 * What the node itself needs, as validated values, whatever databases it runs: its log.
 *
 * @param logLevel    {@code loglevel} (debug, verbose, notice, warning, nothing)
 * @param logFile     where log lines go; null for standard output
 * @param logRotation when the log file is rotated and how many are kept
 */
record NodeSettings(String logLevel, Path logFile, FileRotation logRotation) {
}
