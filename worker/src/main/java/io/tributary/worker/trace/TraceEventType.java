package io.tributary.worker.trace;

/** The trace event types of producers and consumers ({@code enableTraceEvent}), in the worker's order. */
public enum TraceEventType {
    RTP("rtp"),
    KEYFRAME("keyframe"),
    NACK("nack"),
    PLI("pli"),
    FIR("fir"),
    SR("sr");

    private final String wire;

    TraceEventType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    final int bit() {
        return 1 << ordinal();
    }
}
