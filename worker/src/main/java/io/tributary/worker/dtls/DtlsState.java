package io.tributary.worker.dtls;

import java.util.Locale;

/** mediasoup's {@code dtlsState}. */
public enum DtlsState {
    NEW,
    CONNECTING,
    CONNECTED,
    FAILED,
    CLOSED;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
