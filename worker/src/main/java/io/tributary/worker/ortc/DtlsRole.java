package io.tributary.worker.ortc;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/** DTLS role: 'auto', 'client' or 'server'. */
public enum DtlsRole implements WireEnum {
    AUTO("auto"),
    CLIENT("client"),
    SERVER("server");

    private final String value;

    DtlsRole(String value) {
        this.value = value;
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    public static Optional<DtlsRole> find(String value) {
        return WireEnum.lookup(DtlsRole.class, value);
    }

    @JsonCreator
    static DtlsRole fromJson(String value) {
        return find(value).orElseThrow(() -> new IllegalArgumentException("invalid DtlsRole: " + value));
    }

    @Override
    public String toString() {
        return value;
    }
}
