package io.tributary.worker.ortc;

import java.util.Optional;

/** An enum that travels as one of mediasoup's lowercase strings. */
interface WireEnum {

    String value();

    /** Exact (case-sensitive) lookup, as mediasoup compares these strings with {@code ===}. */
    static <E extends Enum<E> & WireEnum> Optional<E> lookup(Class<E> type, String value) {
        for (E candidate : type.getEnumConstants()) {
            if (candidate.value().equals(value)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
