package io.redoubt.it.persistence;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real small disk for tests that fill one: a 2 MB tmpfs mounted on a folder. Mounting needs root, as
 * CI runs; elsewhere the test calling {@link #mount} is skipped, saying why.
 */
final class SmallDisk implements AutoCloseable {
    private final Path folder;

    private SmallDisk(Path folder) {
        this.folder = folder;
    }

    /** Mounts a 2 MB tmpfs on {@code folder} (created), or skips the test when it cannot. */
    static SmallDisk mount(Path folder) throws Exception {
        Files.createDirectories(folder);
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", folder.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        boolean mounted = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        assumeThat(mounted).as("a 2 MB tmpfs could not be mounted (needs root): " + out).isTrue();
        return new SmallDisk(folder);
    }

    Path path() {
        return folder;
    }

    @Override
    public void close() throws Exception {
        new ProcessBuilder("umount", "-l", folder.toString()).start().waitFor(30, TimeUnit.SECONDS);
    }
}
