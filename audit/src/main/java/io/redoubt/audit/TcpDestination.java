package io.redoubt.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A TCP stream, plain or TLS, with each message framed as {@code framing} says. With TLS the server's
 * certificate must chain to the trusted CAs of {@code tls} and name the host (RFC 5425 section 5.2),
 * and only TLS 1.2 and 1.3 are offered; the handshake is done in {@link #open}, so a wrong certificate
 * is a connection failure that the sender reports and retries after a backoff.
 */
public record TcpDestination(String host, int port, Framing framing, SSLSocketFactory tls, int connectTimeoutMillis)
        implements Destination {

    public TcpDestination(String host, int port, Framing framing, SSLSocketFactory tls) {
        this(host, port, framing, tls, 5000);
    }

    @Override
    public Link open() throws IOException {
        Socket raw = new Socket();
        Socket socket = raw;
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            if (tls != null) {
                SSLSocket ssl = (SSLSocket) tls.createSocket(socket, host, port, true);
                SSLParameters params = ssl.getSSLParameters();
                params.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                params.setEndpointIdentificationAlgorithm("HTTPS");
                if (!host.isEmpty() && !Character.isDigit(host.charAt(0)) && !host.contains(":")) {
                    params.setServerNames(List.of(new SNIHostName(host)));
                }
                ssl.setSSLParameters(params);
                ssl.setSoTimeout(connectTimeoutMillis);
                ssl.startHandshake();
                socket = ssl;
            }
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
        OutputStream out = socket.getOutputStream();
        return new Link() {
            @Override
            public void send(byte[] message) throws IOException {
                out.write(framing.frame(message));
                out.flush();
            }

            /**
             * Closes the TCP socket under TLS rather than the TLS layer: closing TLS would first send
             * close_notify, which waits for a writer stuck on a stalled peer, and this is what frees it.
             */
            @Override
            public void close() {
                try {
                    raw.close();
                } catch (IOException ignored) {
                    // closing a broken connection: nothing left to do
                }
            }
        };
    }

    @Override
    public String describe() {
        return (tls != null ? "tls " : "tcp ") + host + ":" + port;
    }
}
