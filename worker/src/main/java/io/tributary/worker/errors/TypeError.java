package io.tributary.worker.errors;

/** Invalid argument: mediasoup's JavaScript TypeError (bad type, missing or malformed field). */
public final class TypeError extends MediasoupError {

    public TypeError(String message) {
        super(message);
    }

    @Override
    public String kind() {
        return "TypeError";
    }
}
