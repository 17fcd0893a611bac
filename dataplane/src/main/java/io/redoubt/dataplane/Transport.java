package io.redoubt.dataplane;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import java.util.Locale;

/**
 * How the event loops talk to the kernel about sockets ({@code io-transport}).
 *
 * <p>io_uring is preferred because on a busy loop it hands the kernel every connection's reads and
 * writes of one turn in a single system call, where epoll costs a recvfrom and a sendto per
 * connection per turn, and with small requests the kernel's entry and exit are a large share of the
 * work (see bench/README.md). {@code auto} takes io_uring, then epoll, then Java NIO, whichever this
 * kernel and process allow: containers often forbid io_uring, and other systems have no epoll.
 */
public enum Transport {
    IO_URING("io_uring"),
    EPOLL("epoll"),
    NIO("nio");

    /** The value of {@code io-transport} that picks the best one available. */
    public static final String AUTO = "auto";

    private final String configName;

    Transport(String configName) {
        this.configName = configName;
    }

    /**
     * The transport for the setting {@code auto}, {@code io_uring}, {@code epoll} or {@code nio}.
     *
     * @throws IllegalArgumentException naming the reason when the one asked for is not available here
     */
    public static Transport resolve(String setting) {
        String s = setting.toLowerCase(Locale.ROOT);
        if (s.equals(AUTO)) {
            for (Transport t : values()) {
                if (t.available()) {
                    return t;
                }
            }
        }
        for (Transport t : values()) {
            if (t.configName.equals(s)) {
                if (!t.available()) {
                    throw new IllegalArgumentException("io-transport " + s + " is not available here ("
                            + t.unavailabilityCause() + "); use auto to take the best one available");
                }
                return t;
            }
        }
        throw new IllegalArgumentException("io-transport must be one of " + String.join(", ", settingNames())
                + ", not '" + setting + "'");
    }

    /** Every value {@code io-transport} accepts: {@link #AUTO}, then each transport's name. */
    public static String[] settingNames() {
        Transport[] all = values();
        String[] names = new String[all.length + 1];
        names[0] = AUTO;
        for (int i = 0; i < all.length; i++) {
            names[i + 1] = all[i].configName;
        }
        return names;
    }

    /** Its name in the configuration and in INFO's {@code multiplexing_api}. */
    public String configName() {
        return configName;
    }

    public boolean available() {
        return switch (this) {
            case IO_URING -> IoUring.isAvailable();
            case EPOLL -> Epoll.isAvailable();
            case NIO -> true;
        };
    }

    private String unavailabilityCause() {
        Throwable cause = switch (this) {
            case IO_URING -> IoUring.unavailabilityCause();
            case EPOLL -> Epoll.unavailabilityCause();
            case NIO -> null;
        };
        return cause == null ? "unknown reason" : String.valueOf(cause.getMessage());
    }

    public IoHandlerFactory ioHandlerFactory() {
        return switch (this) {
            case IO_URING -> IoUringIoHandler.newFactory();
            case EPOLL -> EpollIoHandler.newFactory();
            case NIO -> NioIoHandler.newFactory();
        };
    }

    public Class<? extends ServerSocketChannel> serverChannel() {
        return switch (this) {
            case IO_URING -> IoUringServerSocketChannel.class;
            case EPOLL -> EpollServerSocketChannel.class;
            case NIO -> NioServerSocketChannel.class;
        };
    }

    public Class<? extends SocketChannel> socketChannel() {
        return switch (this) {
            case IO_URING -> IoUringSocketChannel.class;
            case EPOLL -> EpollSocketChannel.class;
            case NIO -> NioSocketChannel.class;
        };
    }
}
