package io.tributary.worker.transport.pipe;

/**
 * Where a pipe transport's packets travel: a UDP tuple (between nodes, optionally SRTP) or queues to
 * the peer transport's event loop (between workers of one JVM). Used on the transport's loop only.
 */
sealed interface PipeLink permits UdpPipeLink, InProcessPipeLink {

    /** Sends an RTP or RTCP packet ({@code buf} has tail room for an SRTP tag); the bytes that left, or -1. */
    int send(byte[] buf, int off, int len, boolean rtcp);

    /** "udp" or "in-process", for the dump. */
    String type();

    /** Packets this side could not send (queue full, SRTP failure). */
    long dropped();

    void close();
}
