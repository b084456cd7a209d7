package io.tributary.protoo;

/**
 * A protoo error response ({@code ok: false}): {@code errorCode} and {@code errorReason}. The message is the reason,
 * as the Error protoo raises. Thrown from a {@link RequestHandler}, it is answered with its own code and reason.
 */
public final class ProtooError extends RuntimeException {

    private final int code;

    public ProtooError(int code, String reason) {
        super(reason, null, false, false);
        this.code = code;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return getMessage();
    }

    @Override
    public String toString() {
        return "ProtooError " + code + ": " + getMessage();
    }
}
