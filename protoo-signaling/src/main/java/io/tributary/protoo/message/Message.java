package io.tributary.protoo.message;

import com.fasterxml.jackson.databind.JsonNode;

/** One parsed protoo message: exactly one of request, response or notification. */
public sealed interface Message {

    /** {@code id} is kept as received so the response echoes it exactly. */
    record Request(JsonNode id, String method, JsonNode data) implements Message {
    }

    /** A success carries {@code data}; an error carries {@code errorCode} and {@code errorReason}. */
    record Response(JsonNode id, boolean ok, JsonNode data, int errorCode, String errorReason) implements Message {
    }

    record Notification(String method, JsonNode data) implements Message {
    }
}
