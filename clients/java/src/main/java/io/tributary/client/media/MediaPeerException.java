package io.tributary.client.media;

/** A peer could not do what was asked; the message says which step failed and why. */
public final class MediaPeerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MediaPeerException(String message) {
        super(message);
    }

    public MediaPeerException(String message, Throwable cause) {
        super(message, cause);
    }
}
