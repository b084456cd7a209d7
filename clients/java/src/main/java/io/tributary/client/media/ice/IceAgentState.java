package io.tributary.client.media.ice;

/** Where the controlling agent stands with its single candidate pair. */
public enum IceAgentState {
    NEW,
    /** Binding requests with USE-CANDIDATE are being (re)sent. */
    CHECKING,
    /** An authenticated success response arrived; consent checks keep it alive. */
    CONNECTED,
    /** No success response before the check timeout. */
    FAILED,
    /** Consent expired: no success response for the consent timeout. */
    DISCONNECTED,
    CLOSED
}
