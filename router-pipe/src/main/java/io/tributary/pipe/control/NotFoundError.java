package io.tributary.pipe.control;

import io.tributary.worker.errors.MediasoupError;

/** The transport, producer, consumer or router a control call names does not exist (HTTP 404). */
public final class NotFoundError extends MediasoupError {

    public NotFoundError(String message) {
        super(message);
    }
}
