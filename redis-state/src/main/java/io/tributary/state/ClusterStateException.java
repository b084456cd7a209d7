package io.tributary.state;

/** The shared state could not be read or written (e.g. Redis unreachable or too slow); nothing is known to have changed. */
public final class ClusterStateException extends RuntimeException {

    public ClusterStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
