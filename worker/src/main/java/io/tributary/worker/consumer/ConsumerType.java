package io.tributary.worker.consumer;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** mediasoup's consumer types: the producer's type, or 'pipe'. */
public enum ConsumerType {
    SIMPLE, SIMULCAST, SVC, PIPE;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
