package io.tributary.client.media.receive;

import io.tributary.client.media.SyntheticPayload;

/**
 * One received media packet, for a per-packet hook (latency histograms, custom checks).
 *
 * @param sendMicros the synthetic body's send time, -1 when there is no intact body
 */
public record ReceivedPacket(long ssrc, int sequenceNumber, long timestamp, boolean marker, int payloadType,
                             int payloadLength, long arrivalMicros, long sendMicros, boolean keyFrame, boolean viaRtx,
                             boolean duplicate, SyntheticPayload.Verdict verdict) {
}
