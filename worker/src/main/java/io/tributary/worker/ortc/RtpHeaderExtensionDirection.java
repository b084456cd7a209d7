package io.tributary.worker.ortc;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/** Direction of an RTP header extension as seen by its owner: sendrecv, sendonly, recvonly, inactive. */
public enum RtpHeaderExtensionDirection implements WireEnum {
    SENDRECV("sendrecv"),
    SENDONLY("sendonly"),
    RECVONLY("recvonly"),
    INACTIVE("inactive");

    private final String value;

    RtpHeaderExtensionDirection(String value) {
        this.value = value;
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    public static Optional<RtpHeaderExtensionDirection> find(String value) {
        return WireEnum.lookup(RtpHeaderExtensionDirection.class, value);
    }

    @JsonCreator
    static RtpHeaderExtensionDirection fromJson(String value) {
        return find(value).orElseThrow(() -> new IllegalArgumentException("invalid RtpHeaderExtensionDirection: " + value));
    }

    @Override
    public String toString() {
        return value;
    }
}
