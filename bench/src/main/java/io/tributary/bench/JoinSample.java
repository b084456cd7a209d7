package io.tributary.bench;

import io.tributary.client.room.RoomParticipant;

/**
 * One join, in milliseconds from the moment its WebSocket was opened.
 *
 * @param openMs     the WebSocket (protoo) is open
 * @param joinMs     {@code join} answered: capabilities, both transports created and connected (ICE, DTLS)
 * @param consumerMs the SFU asked for the video consumer ({@code newConsumer})
 * @param frameMs    the first video key frame arrived: the join time
 */
record JoinSample(double openMs, double joinMs, double consumerMs, double frameMs) {

    static JoinSample of(RoomParticipant peer, long frameAt) {
        return new JoinSample(ms(peer.openedAt() - peer.connectAt()), ms(peer.joinAnsweredAt() - peer.connectAt()),
                ms(peer.videoConsumerAt() - peer.connectAt()), ms(frameAt - peer.connectAt()));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
