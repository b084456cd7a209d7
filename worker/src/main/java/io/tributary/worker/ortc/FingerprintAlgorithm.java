package io.tributary.worker.ortc;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/** Certificate fingerprint hash function, by its RFC 4572 textual name. */
public enum FingerprintAlgorithm implements WireEnum {
    SHA_1("sha-1"),
    SHA_224("sha-224"),
    SHA_256("sha-256"),
    SHA_384("sha-384"),
    SHA_512("sha-512");

    private final String value;

    FingerprintAlgorithm(String value) {
        this.value = value;
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    public static Optional<FingerprintAlgorithm> find(String value) {
        return WireEnum.lookup(FingerprintAlgorithm.class, value);
    }

    @JsonCreator
    static FingerprintAlgorithm fromJson(String value) {
        return find(value).orElseThrow(() -> new IllegalArgumentException("invalid FingerprintAlgorithm: " + value));
    }

    @Override
    public String toString() {
        return value;
    }
}
