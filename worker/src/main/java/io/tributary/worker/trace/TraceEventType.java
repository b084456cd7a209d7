package io.tributary.worker.trace;

/**
 * The trace event types of {@code enableTraceEvent}, in the worker's order: producers and consumers
 * know rtp..sr, transports probation and bwe.
 */
public enum TraceEventType {
    RTP("rtp"),
    KEYFRAME("keyframe"),
    NACK("nack"),
    PLI("pli"),
    FIR("fir"),
    SR("sr"),
    PROBATION("probation"),
    BWE("bwe");

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
