package io.tributary.worker.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Options of {@code transport.produceData()} with mediasoup's defaults (label and protocol '',
 * not paused). The SCTP stream parameters arrive as raw JSON, as from signaling, so validation
 * reports mediasoup's exact errors; a DirectTransport ignores them.
 */
public record DataProducerOptions(
        String id,
        JsonNode sctpStreamParameters,
        String label,
        String protocol,
        boolean paused,
        Map<String, Object> appData) {

    public DataProducerOptions {
        label = label == null ? "" : label;
        protocol = protocol == null ? "" : protocol;
        appData = appData == null ? Map.of() : appData;
    }

    /** For an SCTP transport: the stream the remote sends on. */
    public static DataProducerOptions of(JsonNode sctpStreamParameters) {
        return new DataProducerOptions(null, sctpStreamParameters, null, null, false, null);
    }

    /** For a DirectTransport, which needs no stream parameters. */
    public static DataProducerOptions direct() {
        return of(null);
    }

    public DataProducerOptions withId(String value) {
        return new DataProducerOptions(value, sctpStreamParameters, label, protocol, paused, appData);
    }

    public DataProducerOptions withLabel(String value) {
        return new DataProducerOptions(id, sctpStreamParameters, value, protocol, paused, appData);
    }

    public DataProducerOptions withProtocol(String value) {
        return new DataProducerOptions(id, sctpStreamParameters, label, value, paused, appData);
    }

    public DataProducerOptions withPaused(boolean value) {
        return new DataProducerOptions(id, sctpStreamParameters, label, protocol, value, appData);
    }

    public DataProducerOptions withAppData(Map<String, Object> value) {
        return new DataProducerOptions(id, sctpStreamParameters, label, protocol, paused, value);
    }
}
