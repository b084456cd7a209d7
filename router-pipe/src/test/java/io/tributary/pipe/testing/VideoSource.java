package io.tributary.pipe.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.producer.ProducerOptions;
import io.tributary.worker.router.Router;
import io.tributary.worker.transport.direct.DirectTransport;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A synthetic VP8 producer on a DirectTransport (one SSRC, NACK and PLI): each packet a one-packet frame
 * whose payload carries its own number, so a receiver can tell every payload apart.
 */
public final class VideoSource {

    public static final int PAYLOAD_TYPE = 96;
    private static final int SSRC = 0x5EED;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Producer producer;
    private final List<byte[]> sent = new ArrayList<>();
    private int seq = 4000;

    private VideoSource(Producer producer) {
        this.producer = producer;
    }

    public static Future<VideoSource> produce(Router router) {
        return router.createDirectTransport(null, Map.of())
                .compose(transport -> transport.produce(ProducerOptions.of("video", JSON.valueToTree(Map.of(
                        "codecs", List.of(Map.of("mimeType", "video/VP8", "payloadType", PAYLOAD_TYPE,
                                "clockRate", 90000, "rtcpFeedback", List.of(Map.of("type", "nack"),
                                        Map.of("type", "nack", "parameter", "pli")))),
                        "encodings", List.of(Map.of("ssrc", SSRC)))))
                        .withAppData(Map.of("source", "camera"))))
                .map(VideoSource::new);
    }

    public Producer producer() {
        return producer;
    }

    /** Sends {@code count} frames, the first a key frame (a consumer starts or resumes on one). */
    public synchronized List<byte[]> send(int count) {
        List<byte[]> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = sent.size();
            byte[] payload = payload(n, i == 0);
            sent.add(payload);
            batch.add(payload);
            producer.send(packet(seq++ & 0xFFFF, 3000L * n, payload));
        }
        return batch;
    }

    public synchronized List<byte[]> sent() {
        return List.copyOf(sent);
    }

    /** VP8 descriptor with a 15-bit picture id, the payload header (key frame or not), then the frame number. */
    private static byte[] payload(int n, boolean keyFrame) {
        return new byte[] {(byte) 0x90, (byte) 0x80, (byte) (0x80 | ((n >>> 8) & 0x7F)), (byte) n,
            (byte) (keyFrame ? 0x10 : 0x11), (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }

    private static byte[] packet(int seq, long timestamp, byte[] payload) {
        byte[] out = new byte[12 + payload.length];
        out[0] = (byte) 0x80;
        out[1] = (byte) (0x80 | PAYLOAD_TYPE);
        out[2] = (byte) (seq >>> 8);
        out[3] = (byte) seq;
        for (int i = 0; i < 4; i++) {
            out[4 + i] = (byte) (timestamp >>> (24 - 8 * i));
            out[8 + i] = (byte) (SSRC >>> (24 - 8 * i));
        }
        System.arraycopy(payload, 0, out, 12, payload.length);
        return out;
    }
}
