package io.tributary.worker.ortc;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/** TCP candidate type; an ICE-lite server only offers 'passive' TCP candidates. */
public enum IceCandidateTcpType implements WireEnum {
    PASSIVE("passive");

    private final String value;

    IceCandidateTcpType(String value) {
        this.value = value;
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    public static Optional<IceCandidateTcpType> find(String value) {
        return WireEnum.lookup(IceCandidateTcpType.class, value);
    }

    @JsonCreator
    static IceCandidateTcpType fromJson(String value) {
        return find(value).orElseThrow(() -> new IllegalArgumentException("invalid IceCandidateTcpType: " + value));
    }

    @Override
    public String toString() {
        return value;
    }
}
