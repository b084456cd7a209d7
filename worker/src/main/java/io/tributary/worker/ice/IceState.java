package io.tributary.worker.ice;

import java.util.Locale;

/** mediasoup's {@code iceState} of a WebRtcTransport. */
public enum IceState {
    NEW,
    CONNECTED,
    COMPLETED,
    DISCONNECTED,
    CLOSED;

    /** The string mediasoup reports, e.g. {@code "completed"}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
