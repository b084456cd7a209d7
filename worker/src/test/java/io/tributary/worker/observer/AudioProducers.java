package io.tributary.worker.observer;

import static io.tributary.worker.Await.result;
import static io.tributary.worker.testing.Js.js;

import io.tributary.worker.producer.Producer;
import io.tributary.worker.producer.ProducerOptions;
import io.tributary.worker.router.Router;
import io.tributary.worker.rtp.AudioLevel;
import io.tributary.worker.testing.SyntheticRtp;
import io.tributary.worker.transport.direct.DirectTransport;
import java.util.HashMap;
import java.util.Map;

/** Opus producers on a DirectTransport whose packets carry ssrc-audio-level under the client's id 1. */
final class AudioProducers {

    private static final int PAYLOAD_TYPE = 111;
    private static final int LEVEL_ID = 1;

    private final DirectTransport transport;
    private final Map<String, Integer> sequences = new HashMap<>();
    private int nextSsrc = 5000;

    AudioProducers(Router router) {
        transport = result(router.createDirectTransport(null, Map.of()));
    }

    Producer produce() {
        return result(transport.produce(ProducerOptions.of("audio", js("""
                {codecs: [{mimeType: 'audio/opus', payloadType: %d, clockRate: 48000, channels: 2}],
                 headerExtensions: [{uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level', id: %d}],
                 encodings: [{ssrc: %d}]}""".formatted(PAYLOAD_TYPE, LEVEL_ID, nextSsrc++)))));
    }

    Producer produceVideo() {
        return result(transport.produce(ProducerOptions.of("video", js("""
                {codecs: [{mimeType: 'video/VP8', payloadType: 101, clockRate: 90000}],
                 encodings: [{ssrc: %d}]}""".formatted(nextSsrc++)))));
    }

    /** {@code count} packets at {@code level} -dBov, continuing the producer's sequence. */
    void send(Producer producer, int count, int level) {
        int ssrc = (int) producer.rtpParameters().encodings().get(0).ssrc().longValue();
        for (int i = 0; i < count; i++) {
            int seq = sequences.merge(producer.id(), 1, Integer::sum);
            producer.send(SyntheticRtp.packet(PAYLOAD_TYPE, seq, 960L * seq, ssrc, false, LEVEL_ID,
                    new byte[] {(byte) AudioLevel.encode(true, level)}, new byte[] {1, 2, 3}));
        }
    }
}
