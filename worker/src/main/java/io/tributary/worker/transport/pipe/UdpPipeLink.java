package io.tributary.worker.transport.pipe;

import io.tributary.worker.net.TransportTuple;
import io.tributary.worker.srtp.SrtpSession;

/** A pipe over UDP to the tuple given to {@code connect()}, encrypted when both sides enabled SRTP. */
final class UdpPipeLink implements PipeLink {

    private final TransportTuple remote;
    /** Null without SRTP. */
    private final SrtpSession srtp;
    private long dropped;

    UdpPipeLink(TransportTuple remote, SrtpSession srtp) {
        this.remote = remote;
        this.srtp = srtp;
    }

    @Override
    public int send(byte[] buf, int off, int len, boolean rtcp) {
        int n = srtp == null ? len : srtp.protect(buf, off, len, rtcp);
        if (n < 0) {
            dropped++;
            return -1;
        }
        remote.send(buf, off, n);
        return n;
    }

    /** A datagram of the socket: only the connected remote is heard, and with SRTP only what authenticates. */
    int receive(byte[] buf, int off, int len, TransportTuple from, boolean rtcp) {
        if (!remote.equals(from)) {
            return -1;
        }
        int n = srtp == null ? len : srtp.unprotect(buf, off, len, rtcp);
        return Math.max(n, -1);
    }

    @Override
    public String type() {
        return "udp";
    }

    @Override
    public long dropped() {
        return dropped;
    }

    @Override
    public void close() {
        if (srtp != null) {
            srtp.close();
        }
    }
}
