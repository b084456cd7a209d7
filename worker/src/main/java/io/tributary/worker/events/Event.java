package io.tributary.worker.events;

/**
 * A named, typed event: mediasoup's event name (so the API reads like mediasoup's) with the Java
 * type of its payload. Events without a payload use {@link Void}.
 */
public record Event<T>(String name, Class<T> payloadType) {

    public static <T> Event<T> of(String name, Class<T> payloadType) {
        return new Event<>(name, payloadType);
    }

    public static Event<Void> signal(String name) {
        return new Event<>(name, Void.class);
    }
}
