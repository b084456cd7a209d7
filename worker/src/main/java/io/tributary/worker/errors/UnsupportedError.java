package io.tributary.worker.errors;

/** The request is valid but not supported (for example a codec the router lacks). */
public final class UnsupportedError extends MediasoupError {

    public UnsupportedError(String message) {
        super(message);
    }

    @Override
    public String kind() {
        return "UnsupportedError";
    }
}
