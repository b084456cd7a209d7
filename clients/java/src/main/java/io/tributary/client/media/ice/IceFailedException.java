package io.tributary.client.media.ice;

/** ICE never got an authenticated answer from the remote candidate. */
public final class IceFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public IceFailedException(String message) {
        super(message);
    }
}
