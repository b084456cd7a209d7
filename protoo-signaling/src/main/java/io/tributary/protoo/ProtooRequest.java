package io.tributary.protoo;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A request received from the remote side. Answer it once, from any thread; later answers are ignored.
 */
public interface ProtooRequest {

    String method();

    /** The request data, {@code {}} when the sender left it out. */
    JsonNode data();

    /** Success response carrying {@code data} ({@code {}} when null). */
    void accept(JsonNode data);

    /** Success response with {@code data: {}}. */
    void accept();

    /** Error response with this code and reason. */
    void reject(int errorCode, String errorReason);

    /**
     * Error response from an exception: a {@link ProtooError} keeps its code and reason, anything else is 500 with
     * its message (its class name when it has none). {@code CompletionException} and {@code ExecutionException}
     * wrappers are looked through, so a failed future's throwable can be passed as is.
     */
    void reject(Throwable error);
}
