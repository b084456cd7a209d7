package io.tributary.worker.data;

import com.fasterxml.jackson.annotation.JsonValue;

/** mediasoup's DataProducer/DataConsumer type: over an SCTP association, or in-process on a DirectTransport. */
public enum DataType {
    SCTP("sctp"),
    DIRECT("direct");

    private final String value;

    DataType(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }
}
