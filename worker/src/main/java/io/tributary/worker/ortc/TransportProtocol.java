package io.tributary.worker.ortc;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/** Transport protocol of a candidate or tuple: 'udp' or 'tcp'. */
public enum TransportProtocol implements WireEnum {
    UDP("udp"),
    TCP("tcp");

    private final String value;

    TransportProtocol(String value) {
        this.value = value;
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    public static Optional<TransportProtocol> find(String value) {
        return WireEnum.lookup(TransportProtocol.class, value);
    }

    @JsonCreator
    static TransportProtocol fromJson(String value) {
        return find(value).orElseThrow(() -> new IllegalArgumentException("invalid TransportProtocol: " + value));
    }

    @Override
    public String toString() {
        return value;
    }
}
