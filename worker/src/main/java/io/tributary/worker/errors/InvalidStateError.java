package io.tributary.worker.errors;

/** The entity is closed, or not in a state that allows the call. */
public final class InvalidStateError extends MediasoupError {

    public InvalidStateError(String message) {
        super(message);
    }

    @Override
    public String kind() {
        return "InvalidStateError";
    }
}
