package io.tributary.worker.sctp;

/**
 * Association settings: mediasoup's {@code numSctpStreams} (OS, MIS), {@code maxSctpMessageSize}
 * and {@code sctpSendBufferSize}; the SCTP port is 5000 on both ends and the MTU 1200 (§5.7).
 */
public record SctpOptions(int os, int mis, long maxMessageSize, long sendBufferSize) {

    public static final int PORT = 5000;
    public static final int MTU = 1200;
}
