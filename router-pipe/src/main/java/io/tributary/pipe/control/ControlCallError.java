package io.tributary.pipe.control;

import io.tributary.worker.errors.MediasoupError;

/** A control call that got no usable answer: refused signature, timeout, unreachable node, odd reply. */
public final class ControlCallError extends MediasoupError {

    public ControlCallError(String message) {
        super(message);
    }

    public ControlCallError(String message, Throwable cause) {
        super(message, cause);
    }
}
