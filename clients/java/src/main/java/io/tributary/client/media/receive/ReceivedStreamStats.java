package io.tributary.client.media.receive;

/**
 * What arrived on one SSRC so far. Sequence numbers are extended (cycles in the upper bits).
 *
 * @param packets          every packet, duplicates included
 * @param uniquePackets    distinct sequence numbers
 * @param lost             expected minus unique (what never arrived, even late)
 * @param gapsDetected     sequence numbers skipped when a newer packet arrived
 * @param recovered        of those, how many arrived later (retransmission or reordering)
 * @param outOfOrder       packets older than the highest already received
 * @param frames           packets with the marker bit (VP8: completed frames)
 * @param pictureIdJumps   VP8 frames whose PictureID was not the previous one plus one
 * @param temporalLayers   bit i set when VP8 TID i was seen
 * @param intact           packets whose synthetic body verified
 * @param corrupt          packets with a damaged synthetic body or a codec header contradicting it
 * @param unverified       packets without a synthetic body
 * @param streamTag        tag in the last intact body (the sender's original SSRC), 0 before one
 * @param jitter           RFC 3550 interarrival jitter in timestamp units
 */
public record ReceivedStreamStats(
        long ssrc,
        MediaCodec codec,
        long packets,
        long uniquePackets,
        long payloadBytes,
        long rtxPackets,
        long duplicates,
        long outOfOrder,
        long gapsDetected,
        long recovered,
        long lost,
        long firstSequenceNumber,
        long highestSequenceNumber,
        long firstArrivalMicros,
        long lastArrivalMicros,
        long firstTimestamp,
        long lastTimestamp,
        int lastPayloadType,
        long keyFrames,
        long frames,
        long pictureIdJumps,
        int lastPictureId,
        int temporalLayers,
        int keyFrameWidth,
        int keyFrameHeight,
        long intact,
        long corrupt,
        long unverified,
        int streamTag,
        Latency latency,
        double jitter,
        long senderReports) {

    /** One-way delay from the synthetic body's send time to arrival, over in-order first transmissions. */
    public record Latency(long samples, long minMicros, long avgMicros, long maxMicros) {
        public static final Latency NONE = new Latency(0, 0, 0, 0);
    }

    /** True when nothing is missing and every body checked out. */
    public boolean complete() {
        return lost == 0 && corrupt == 0;
    }
}
