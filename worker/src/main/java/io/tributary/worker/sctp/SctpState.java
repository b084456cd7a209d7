package io.tributary.worker.sctp;

/** mediasoup's {@code sctpState} values, in their wire spelling. */
public enum SctpState {
    NEW("new"),
    CONNECTING("connecting"),
    CONNECTED("connected"),
    FAILED("failed"),
    CLOSED("closed");

    private final String wire;

    SctpState(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
