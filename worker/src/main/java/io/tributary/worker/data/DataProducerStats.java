package io.tributary.worker.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One entry of {@code dataProducer.getStats()}, as mediasoup shapes it. */
@JsonPropertyOrder({"type", "timestamp", "label", "protocol", "messagesReceived", "bytesReceived"})
public record DataProducerStats(long timestamp, String label, String protocol, long messagesReceived, long bytesReceived) {

    @JsonProperty("type")
    public String type() {
        return "data-producer";
    }
}
