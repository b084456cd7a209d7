package io.tributary.worker.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One entry of {@code dataConsumer.getStats()}, as mediasoup shapes it. */
@JsonPropertyOrder({"type", "timestamp", "label", "protocol", "messagesSent", "bytesSent", "bufferedAmount"})
public record DataConsumerStats(
        long timestamp, String label, String protocol, long messagesSent, long bytesSent, long bufferedAmount) {

    @JsonProperty("type")
    public String type() {
        return "data-consumer";
    }
}
