package io.tributary.worker.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Options of {@code transport.consume()}; capabilities arrive as raw JSON, as from signaling. */
public record ConsumerOptions(
        String producerId,
        JsonNode rtpCapabilities,
        boolean paused,
        String mid,
        ConsumerLayers preferredLayers,
        boolean ignoreDtx,
        Boolean enableRtx,
        boolean pipe,
        Map<String, Object> appData) {

    public ConsumerOptions {
        appData = appData == null ? Map.of() : appData;
    }

    public static ConsumerOptions of(String producerId, JsonNode rtpCapabilities) {
        return new ConsumerOptions(producerId, rtpCapabilities, false, null, null, false, null, false, null);
    }

    public ConsumerOptions withPaused(boolean value) {
        return new ConsumerOptions(producerId, rtpCapabilities, value, mid, preferredLayers, ignoreDtx, enableRtx, pipe, appData);
    }

    public ConsumerOptions withPreferredLayers(ConsumerLayers value) {
        return new ConsumerOptions(producerId, rtpCapabilities, paused, mid, value, ignoreDtx, enableRtx, pipe, appData);
    }

    public ConsumerOptions withMid(String value) {
        return new ConsumerOptions(producerId, rtpCapabilities, paused, value, preferredLayers, ignoreDtx, enableRtx, pipe, appData);
    }

    public ConsumerOptions withPipe(boolean value) {
        return new ConsumerOptions(producerId, rtpCapabilities, paused, mid, preferredLayers, ignoreDtx, enableRtx, value, appData);
    }

    public ConsumerOptions withEnableRtx(Boolean value) {
        return new ConsumerOptions(producerId, rtpCapabilities, paused, mid, preferredLayers, ignoreDtx, value, pipe, appData);
    }
}
