package io.redoubt.backup;

/** A file at a destination, as {@link Destination#list()} reports it: its name under the location and size. */
public record StoredFile(String name, long size) {
}
