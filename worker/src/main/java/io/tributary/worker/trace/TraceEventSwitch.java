package io.tributary.worker.trace;

import io.tributary.worker.errors.TypeError;
import io.tributary.worker.rtp.RtpPacket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Which trace types an entity emits. One int mask, so the per-packet check is a single AND and
 * nothing is built for a trace nobody enabled.
 */
public final class TraceEventSwitch {

    private final Set<TraceEventType> allowed;
    private int mask;

    /** {@code allowed}: the types this kind of entity knows (consumers have no 'sr'). */
    public TraceEventSwitch(Set<TraceEventType> allowed) {
        this.allowed = Set.copyOf(allowed);
    }

    /**
     * Replaces the enabled set. {@code types} is untyped as in JavaScript: a non-array or a non-string
     * is a TypeError; unknown names are ignored.
     */
    public void enable(Object types) {
        if (!(types instanceof List<?> list)) {
            throw new TypeError("types must be an array");
        }
        int next = 0;
        for (Object type : list) {
            if (!(type instanceof String name)) {
                throw new TypeError("every type must be a string");
            }
            for (TraceEventType t : allowed) {
                if (t.wire().equals(name)) {
                    next |= t.bit();
                }
            }
        }
        mask = next;
    }

    public boolean any() {
        return mask != 0;
    }

    public boolean on(TraceEventType type) {
        return (mask & type.bit()) != 0;
    }

    /** Hands {@code sink} a trace of {@code type} when it is enabled. */
    public void trace(TraceEventType type, String direction, Map<String, Object> info, Consumer<TraceEvent> sink) {
        if (on(type)) {
            sink.accept(new TraceEvent(type.wire(), System.currentTimeMillis(), direction, info));
        }
    }

    /** The 'rtp' trace of a packet and, when it starts a key frame, its 'keyframe' trace. */
    public void tracePacket(RtpPacket packet, boolean keyFrame, boolean rtx, String direction,
                            Consumer<TraceEvent> sink) {
        if (on(TraceEventType.RTP)) {
            trace(TraceEventType.RTP, direction, RtpPacketTrace.info(packet, keyFrame, rtx), sink);
        }
        if (keyFrame && on(TraceEventType.KEYFRAME)) {
            trace(TraceEventType.KEYFRAME, direction, RtpPacketTrace.info(packet, true, rtx), sink);
        }
    }

    /** For the dump, in the worker's order. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (TraceEventType t : TraceEventType.values()) {
            if (on(t)) {
                names.add(t.wire());
            }
        }
        return names;
    }
}
