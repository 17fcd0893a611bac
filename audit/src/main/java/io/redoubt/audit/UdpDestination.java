package io.redoubt.audit;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;

/**
 * Syslog over UDP (RFC 5426): one message per datagram, cut at {@link #MAX_DATAGRAM} bytes. The socket
 * is connected, so a receiver that is down shows as an ICMP error on a later send and the sender backs
 * off as for a stream.
 */
public record UdpDestination(String host, int port) implements Destination {
    /** What RFC 5426 says every receiver must accept (IPv4: 480; most take far more); we cut at 8 KiB. */
    static final int MAX_DATAGRAM = 8192;

    @Override
    public Link open() throws IOException {
        DatagramSocket socket = new DatagramSocket();
        try {
            socket.connect(new InetSocketAddress(host, port));
        } catch (RuntimeException | IOException e) {
            socket.close();
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
        return new Link() {
            @Override
            public void send(byte[] message) throws IOException {
                socket.send(new DatagramPacket(message, Math.min(message.length, MAX_DATAGRAM)));
            }

            @Override
            public void close() {
                socket.close();
            }
        };
    }

    @Override
    public String describe() {
        return "udp " + host + ":" + port;
    }
}
