package io.tributary.worker.ortc;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/** ICE candidate type; an ICE-lite server only gathers 'host' candidates. */
public enum IceCandidateType implements WireEnum {
    HOST("host");

    private final String value;

    IceCandidateType(String value) {
        this.value = value;
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    public static Optional<IceCandidateType> find(String value) {
        return WireEnum.lookup(IceCandidateType.class, value);
    }

    @JsonCreator
    static IceCandidateType fromJson(String value) {
        return find(value).orElseThrow(() -> new IllegalArgumentException("invalid IceCandidateType: " + value));
    }

    @Override
    public String toString() {
        return value;
    }
}
