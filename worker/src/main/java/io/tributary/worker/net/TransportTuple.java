package io.tributary.worker.net;

import java.net.InetSocketAddress;

/**
 * A 5-tuple media can be sent on: a UDP socket plus a remote address, or one TCP connection.
 * Sends are queued until the received packet that caused them is handled, or {@link #flush()}, so
 * a fan-out leaves in one batch. Tuples are map keys:
 * UDP tuples are equal when endpoint and remote address are (so the per-datagram view finds the
 * persisted tuple without allocating); a TCP connection is equal only to itself.
 */
public interface TransportTuple {

    InetSocketAddress local();

    InetSocketAddress remote();

    /** "udp" or "tcp", as mediasoup names tuple protocols. */
    String protocol();

    void send(byte[] buf, int off, int len);

    void flush();

    boolean isOpen();

    /** A copy that stays valid after the packet handler returns (UDP views are reused per datagram). */
    TransportTuple persist();
}
