package io.tributary.worker.transport;

import io.tributary.worker.errors.TypeError;
import java.util.ArrayList;
import java.util.List;

/** The trace event types enabled with {@code enableTraceEvent()}: 'probation' and 'bwe'; others are ignored. */
final class TraceEventTypes {

    private boolean probation;
    private boolean bwe;

    /** Replaces the enabled set; {@code types} is untyped as in JavaScript, so a non-array is a TypeError. */
    void enable(Object types) {
        if (!(types instanceof List<?> list)) {
            throw new TypeError("types must be an array");
        }
        for (Object type : list) {
            if (!(type instanceof String)) {
                throw new TypeError("every type must be a string");
            }
        }
        probation = list.contains("probation");
        bwe = list.contains("bwe");
    }

    /** For the dump, in the worker's order. */
    List<String> names() {
        List<String> names = new ArrayList<>(2);
        if (probation) {
            names.add("probation");
        }
        if (bwe) {
            names.add("bwe");
        }
        return names;
    }
}
