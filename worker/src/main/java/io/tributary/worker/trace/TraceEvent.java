package io.tributary.worker.trace;

import java.util.Map;

/** mediasoup's {@code trace} event: {@code {type, timestamp, direction: 'in'|'out', info}}. */
public record TraceEvent(String type, long timestamp, String direction, Map<String, Object> info) {

    public static final String IN = "in";
    public static final String OUT = "out";
}
