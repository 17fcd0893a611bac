package io.redoubt.testkit;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A bare replica for tests of the replication stream: it attaches to a master (Redis or Redoubt) with
 * SYNC, skips the snapshot, and reads the commands that follow, byte for byte, every wait bounded.
 */
public final class RawReplica implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;

    private RawReplica(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
    }

    /** Attaches to the master on {@code port} and reads past its snapshot (sent with its length). */
    public static RawReplica attach(int port) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        try {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("SYNC\r\n".getBytes(StandardCharsets.US_ASCII));
            RawReplica replica = new RawReplica(s);
            String head = replica.line();
            while (head.isEmpty()) {
                head = replica.line(); // keepalives while the snapshot is written
            }
            if (!head.startsWith("$")) {
                throw new IOException("expected the snapshot's length, got: " + head);
            }
            replica.in.readFully(new byte[Integer.parseInt(head.substring(1))]);
            return replica;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** The next command of the stream, its arguments as ISO-8859-1 text (so any byte survives). */
    public List<String> next() throws IOException {
        return command(in);
    }

    /**
     * The commands up to and including the first that {@code last} accepts, without the master's
     * PINGs (its heartbeat, on its own schedule).
     */
    public List<List<String>> until(java.util.function.Predicate<List<String>> last) throws IOException {
        List<List<String>> commands = new ArrayList<>();
        while (true) {
            List<String> argv = next();
            if (argv.size() == 1 && argv.get(0).equalsIgnoreCase("PING")) {
                continue;
            }
            commands.add(argv);
            if (last.test(argv)) {
                return commands;
            }
        }
    }

    /** One RESP command from {@code in} (a stream or an AOF), its arguments as ISO-8859-1 text. */
    public static List<String> command(DataInputStream in) throws IOException {
        String head = line(in);
        while (head.isEmpty()) {
            head = line(in);
        }
        if (!head.startsWith("*")) {
            throw new IOException("expected a command, got: " + head);
        }
        int n = Integer.parseInt(head.substring(1));
        List<String> argv = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] arg = new byte[Integer.parseInt(line(in).substring(1))];
            in.readFully(arg);
            in.readFully(new byte[2]);
            argv.add(new String(arg, StandardCharsets.ISO_8859_1));
        }
        return argv;
    }

    private String line() throws IOException {
        return line(in);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("stream closed");
            }
            if (b != '\r') {
                s.append((char) b);
            }
        }
        return s.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
