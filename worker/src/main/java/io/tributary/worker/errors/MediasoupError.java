package io.tributary.worker.errors;

/**
 * An error the API reports with mediasoup's kind and message, so callers (and protoo responses)
 * see exactly what mediasoup would say. Plain instances are mediasoup's generic {@code Error}.
 */
public class MediasoupError extends RuntimeException {

    public MediasoupError(String message) {
        super(message, null, false, false);
    }

    public MediasoupError(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    /** mediasoup's error class name: {@code Error}, {@code TypeError}, {@code UnsupportedError}, {@code InvalidStateError}. */
    public String kind() {
        return "Error";
    }

    @Override
    public String toString() {
        return kind() + ": " + getMessage();
    }
}
