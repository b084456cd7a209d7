package io.tributary.client.media;

/**
 * Where streams put their packets: SRTP-protected and sent on the peer's link. Called on the
 * peer's loop; the buffer must have {@link #TAIL_ROOM} bytes free after the packet for the tag.
 */
public interface MediaOutput {

    /** Largest plain RTP/RTCP packet the peer builds. */
    int MAX_PACKET = 1400;
    /** Room left after a packet for the SRTP/SRTCP tag and index (AES-GCM: 16 + 4). */
    int TAIL_ROOM = 64;

    /** Protects {@code buf[0, len)} in place and sends it; false when not connected or protection failed. */
    boolean sendRtp(byte[] buf, int len);

    /** Protects a (compound or reduced-size) RTCP packet in place and sends it; false as for RTP. */
    boolean sendRtcp(byte[] buf, int len);

    /** The next transport-wide sequence number, shared by all streams of the transport. */
    int nextTransportWideSequenceNumber();
}
