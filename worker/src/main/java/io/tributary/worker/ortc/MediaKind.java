package io.tributary.worker.ortc;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/** mediasoup's {@code MediaKind}: 'audio' or 'video'. */
public enum MediaKind implements WireEnum {
    AUDIO("audio"),
    VIDEO("video");

    private final String value;

    MediaKind(String value) {
        this.value = value;
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    public static Optional<MediaKind> find(String value) {
        return WireEnum.lookup(MediaKind.class, value);
    }

    @JsonCreator
    static MediaKind fromJson(String value) {
        return find(value).orElseThrow(() -> new IllegalArgumentException("invalid kind \"" + value + "\""));
    }

    @Override
    public String toString() {
        return value;
    }
}
