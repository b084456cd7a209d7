package io.tributary.worker.producer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Options of {@code transport.produce()}. RTP parameters arrive as raw JSON (as from signaling) so
 * that validation can report mediasoup's exact errors.
 */
public record ProducerOptions(
        String id,
        String kind,
        JsonNode rtpParameters,
        boolean paused,
        int keyFrameRequestDelay,
        Map<String, Object> appData) {

    public ProducerOptions {
        appData = appData == null ? Map.of() : appData;
    }

    public static ProducerOptions of(String kind, JsonNode rtpParameters) {
        return new ProducerOptions(null, kind, rtpParameters, false, 0, null);
    }

    public ProducerOptions withPaused(boolean value) {
        return new ProducerOptions(id, kind, rtpParameters, value, keyFrameRequestDelay, appData);
    }

    public ProducerOptions withId(String value) {
        return new ProducerOptions(value, kind, rtpParameters, paused, keyFrameRequestDelay, appData);
    }

    public ProducerOptions withAppData(Map<String, Object> value) {
        return new ProducerOptions(id, kind, rtpParameters, paused, keyFrameRequestDelay, value);
    }
}
