package io.tributary.client.media.net;

import java.net.InetSocketAddress;

/**
 * The one path to the SFU's chosen candidate: a UDP socket or a TCP connection with RFC 4571
 * framing. Received packets go to a {@link Receiver} on the peer's loop; {@link #send} must be
 * called on that loop too.
 */
public interface MediaLink {

    /** Gets each packet from the remote candidate; the bytes belong to the callee only during the call. */
    @FunctionalInterface
    interface Receiver {
        void onPacket(byte[] buf, int off, int len);
    }

    /** Sends a copy of the bytes; call on the peer's loop. */
    void send(byte[] buf, int off, int len);

    InetSocketAddress localAddress();

    InetSocketAddress remoteAddress();

    /** "udp" or "tcp". */
    String protocol();

    void close();
}
