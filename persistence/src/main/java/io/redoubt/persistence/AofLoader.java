package io.redoubt.persistence;

import io.redoubt.engine.command.CommandTable;
import io.redoubt.engine.keyspace.Shard;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the files a manifest names, in order: the base (an RDB when it starts with the RDB magic,
 * commands otherwise), then each incremental file's commands. A last file that ends inside a
 * command (a torn write at a crash) is cut back to its last complete command with a warning when
 * aof-load-truncated is on, and refused with the file and offset otherwise; any other damage is
 * refused with the file and offset.
 */
final class AofLoader {
    private static final Logger LOG = LoggerFactory.getLogger(AofLoader.class);

    private final Shard shard;
    private final CommandTable table;
    private final boolean loadTruncated;

    AofLoader(Shard shard, CommandTable table, boolean loadTruncated) {
        this.shard = shard;
        this.table = table;
        this.loadTruncated = loadTruncated;
    }

    void load(Path dir, AofManifest manifest) throws RdbLoadException, IOException {
        List<String> files = new ArrayList<>();
        if (manifest.base() != null) {
            files.add(manifest.base());
        }
        files.addAll(manifest.incrs());
        CommandReplay replay = new CommandReplay(table, shard);
        long commands = 0;
        for (int i = 0; i < files.size(); i++) {
            Path f = dir.resolve(files.get(i));
            if (!Files.isRegularFile(f)) {
                if (i == files.size() - 1 && i > 0) {
                    continue;   // the newest incremental file may not have been created before a crash
                }
                throw new RdbLoadException("The AOF file " + f + " named by the manifest does not exist", null);
            }
            byte[] data = Files.readAllBytes(f);
            int start = 0;
            if (i == 0 && manifest.base() != null && data.length >= 5
                    && new String(data, 0, 5, StandardCharsets.US_ASCII).equals("REDIS")) {
                // the RDB preamble: its EOF byte and checksum end it; commands may follow in old layouts
                RdbLoader loader = new RdbLoader(shard);
                RdbLoader.Result r = loader.load(new ByteArrayInputStream(data), f.toString(), data.length);
                start = (int) r.bytesRead();
            }
            commands += replay(replay, f, data, start, i == files.size() - 1);
        }
        LOG.info("DB loaded from append only file: {} commands replayed", commands);
    }

    private long replay(CommandReplay replay, Path file, byte[] data, int start, boolean last)
            throws RdbLoadException, IOException {
        int p = start;
        long n = 0;
        List<byte[][]> transaction = null; // commands read since a MULTI, run at its EXEC
        int transactionStart = -1;
        while (p < data.length) {
            int commandStart = p;
            try {
                if (data[p] == '#') {
                    int eol = indexOfCrlf(data, p);
                    if (eol < 0) {
                        throw new Truncated();
                    }
                    p = eol + 2;
                    continue;
                }
                if (data[p] != '*') {
                    throw new RdbFormatException("expected '*'");
                }
                int eol = indexOfCrlf(data, p);
                if (eol < 0) {
                    throw new Truncated();
                }
                int argc = parseInt(data, p + 1, eol);
                if (argc < 1) {
                    throw new RdbFormatException("invalid argument count");
                }
                p = eol + 2;
                byte[][] argv = new byte[argc][];
                for (int j = 0; j < argc; j++) {
                    if (p >= data.length) {
                        throw new Truncated();
                    }
                    if (data[p] != '$') {
                        throw new RdbFormatException("expected '$'");
                    }
                    eol = indexOfCrlf(data, p);
                    if (eol < 0) {
                        throw new Truncated();
                    }
                    int len = parseInt(data, p + 1, eol);
                    if (len < 0) {
                        throw new RdbFormatException("invalid bulk length");
                    }
                    p = eol + 2;
                    if ((long) p + len + 2 > data.length) {
                        throw new Truncated();
                    }
                    argv[j] = java.util.Arrays.copyOfRange(data, p, p + len);
                    p += len;
                    if (data[p] != '\r' || data[p + 1] != '\n') {
                        throw new RdbFormatException("bulk string not followed by CRLF");
                    }
                    p += 2;
                }
                if (transaction == null && isCommand(argv, "MULTI")) {
                    transaction = new ArrayList<>();
                    transactionStart = commandStart;
                    continue;
                }
                if (transaction != null && !isCommand(argv, "EXEC")) {
                    transaction.add(argv);
                    continue;
                }
                List<byte[][]> batch = transaction != null ? transaction : java.util.Collections.singletonList(argv);
                transaction = null;
                for (byte[][] command : batch) {
                    String error = replay.run(command);
                    if (error != null && error.startsWith("ERR unknown command")) {
                        throw new RdbFormatException("unknown command '"
                                + new String(command[0], StandardCharsets.UTF_8) + "'");
                    }
                    n++;
                }
            } catch (Truncated t) {
                if (transaction != null) {
                    cutTornTail(file, transactionStart, last, "a transaction (MULTI ... EXEC)");
                } else {
                    cutTornTail(file, commandStart, last, "the last command");
                }
                return n;
            } catch (RdbFormatException e) {
                throw new RdbLoadException("Bad file format reading the append only file " + file + " at offset "
                        + commandStart + ": " + e.getMessage(), e);
            }
        }
        if (transaction != null) {
            // the file ends inside MULTI ... EXEC: a transaction torn by a crash, dropped whole
            cutTornTail(file, transactionStart, last, "a MULTI without its EXEC");
        }
        return n;
    }

    /**
     * A torn tail at {@code offset}: cut there when aof-load-truncated allows it (returns true), refused
     * naming the file and offset otherwise.
     */
    private boolean cutTornTail(Path file, int offset, boolean last, String what) throws RdbLoadException,
            IOException {
        if (!last) {
            throw new RdbLoadException("Unexpected end of file reading the append only file " + file
                    + " at offset " + offset + " (not the last file: it cannot be cut)", null);
        }
        if (!loadTruncated) {
            throw new RdbLoadException("Unexpected end of file reading the append only file " + file
                    + " at offset " + offset + ". Make a backup of the file, then cut it with"
                    + " redis-check-aof --fix, or set aof-load-truncated yes", null);
        }
        LOG.warn("!!! Warning: short read while loading the AOF file {}: {}, at offset {}, is incomplete (a write"
                + " torn by a crash); the file is cut to {} bytes !!!", file, what, offset, offset);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(offset);
            ch.force(true);
        }
        return true;
    }

    private static boolean isCommand(byte[][] argv, String name) {
        return argv.length == 1 && new String(argv[0], StandardCharsets.UTF_8).equalsIgnoreCase(name);
    }

    private static final class Truncated extends Exception {
        private static final long serialVersionUID = 1L;

        Truncated() {
            super(null, null, false, false);
        }
    }

    private static int indexOfCrlf(byte[] d, int from) {
        for (int i = from; i + 1 < d.length; i++) {
            if (d[i] == '\r' && d[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int parseInt(byte[] d, int from, int to) {
        if (from >= to || to - from > 10) {
            throw new RdbFormatException("invalid number");
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int c = d[i] - '0';
            if (c < 0 || c > 9) {
                throw new RdbFormatException("invalid number");
            }
            v = v * 10 + c;
        }
        if (v > Integer.MAX_VALUE) {
            throw new RdbFormatException("number too large");
        }
        return (int) v;
    }
}
