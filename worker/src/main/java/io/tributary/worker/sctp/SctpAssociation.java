package io.tributary.worker.sctp;

/**
 * One SCTP association carrying WebRTC data channel messages (RFC 8831, negotiated channels, so no
 * DCEP): an RFC 4960 subset with PR-SCTP (RFC 3758) and outgoing/incoming stream reset (RFC 6525).
 * The lower layer (DTLS application data, or plain UDP on Plain/Pipe transports) hands packets in
 * through {@link #receivePacket} and takes them out through {@link Output}. Lives on its owner's
 * event loop; not thread-safe.
 */
public interface SctpAssociation {

    /** Where outgoing SCTP packets go; the association owns {@code packet} only during the call. */
    @FunctionalInterface
    interface Output {
        void sendPacket(byte[] packet, int offset, int length);
    }

    /** What the association tells its owner; all calls happen on the owner's loop. */
    interface Listener {
        void onStateChange(SctpState state);

        /** One whole message (reassembled); {@code payload} is the listener's to keep. */
        void onMessage(int streamId, int ppid, byte[] payload);

        /** The peer reset these of its outgoing streams (a remote DataChannel closed). */
        void onIncomingStreamsReset(int[] streamIds);

        /** Queued bytes dropped from {@code previous} to {@code current} as the peer acknowledged data. */
        void onBufferedAmountDecreased(long previous, long current);
    }

    /** Outcome of {@link #sendMessage}. */
    enum SendResult {
        SENT,
        /** The message is bigger than maxMessageSize. */
        TOO_BIG,
        /** Accepting it would pass sendBufferSize (mediasoup's {@code sctpsendbufferfull}). */
        BUFFER_FULL,
        /** Not connected, or closed. */
        NOT_CONNECTED,
        /** streamId is outside the negotiated outgoing stream count. */
        BAD_STREAM
    }

    /** Starts the association as initiator (INIT); it still accepts the peer's INIT (simultaneous open). */
    void connect();

    /** One received SCTP packet; malformed ones (bad CRC32c, bad chunk lengths, ...) are dropped and counted. */
    void receivePacket(byte[] data, int offset, int length);

    /** Queues one message; an empty message must already be mapped by the caller (ppid 56/57, one byte). */
    SendResult sendMessage(int streamId, int ppid, byte[] payload, int offset, int length, SctpReliability reliability);

    /** Resets these outgoing streams (our DataChannel closed), so the peer closes its side. */
    void resetOutgoingStreams(int[] streamIds);

    /** Bytes queued and not yet acknowledged by the peer. */
    long bufferedAmount();

    SctpState state();

    /** Negotiated outgoing / incoming stream counts (min of ours and the peer's); 0 before connected. */
    int outboundStreams();

    int inboundStreams();

    /** Malformed or unexpected packets dropped since creation. */
    long packetsDropped();

    /** Sends ABORT if connected and stops all timers; state becomes CLOSED. Idempotent. */
    void close();
}
