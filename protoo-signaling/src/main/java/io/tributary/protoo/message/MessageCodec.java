package io.tributary.protoo.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * protoo's Message.parse and create* rules: JSON objects only, discriminators read with JavaScript truthiness in
 * the order request, response, notification, and a falsy {@code data} read as {@code {}}.
 */
public final class MessageCodec {

    // Trailing garbage after the object fails, as JSON.parse does.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private MessageCodec() {
    }

    /** The message in {@code text}, or empty when protoo would ignore it (the reason goes to {@code why}). */
    public static Optional<Message> parse(String text, StringBuilder why) {
        JsonNode object;
        try {
            object = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            why.append("invalid JSON");
            return Optional.empty();
        }
        if (object == null || !object.isObject()) {
            why.append("not an object");
            return Optional.empty();
        }
        if (truthy(object.get("request"))) {
            return request(object, why);
        }
        if (truthy(object.get("response"))) {
            return response(object, why);
        }
        if (truthy(object.get("notification"))) {
            if (!object.path("method").isTextual()) {
                why.append("missing/invalid method field");
                return Optional.empty();
            }
            return Optional.of(new Message.Notification(object.get("method").asText(), data(object)));
        }
        why.append("missing request/response field");
        return Optional.empty();
    }

    private static Optional<Message> request(JsonNode object, StringBuilder why) {
        if (!object.path("method").isTextual()) {
            why.append("missing/invalid method field");
            return Optional.empty();
        }
        if (!object.path("id").isNumber()) {
            why.append("missing/invalid id field");
            return Optional.empty();
        }
        return Optional.of(new Message.Request(object.get("id"), object.get("method").asText(), data(object)));
    }

    private static Optional<Message> response(JsonNode object, StringBuilder why) {
        JsonNode id = object.path("id");
        if (!id.isNumber()) {
            why.append("missing/invalid id field");
            return Optional.empty();
        }
        if (truthy(object.get("ok"))) {
            return Optional.of(new Message.Response(id, true, data(object), 0, null));
        }
        JsonNode reason = object.path("errorReason");
        String errorReason = reason.isMissingNode() || reason.isNull() ? "" : reason.isTextual() ? reason.asText()
                : reason.toString();
        return Optional.of(new Message.Response(id, false, null, object.path("errorCode").asInt(0), errorReason));
    }

    private static JsonNode data(JsonNode object) {
        JsonNode data = object.get("data");
        return truthy(data) ? data : JsonNodeFactory.instance.objectNode();
    }

    /** JavaScript truthiness of a JSON value; absent is falsy. */
    static boolean truthy(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return value.doubleValue() != 0;
        }
        if (value.isTextual()) {
            return !value.textValue().isEmpty();
        }
        return true;
    }

    public static String request(long id, String method, JsonNode data) {
        ObjectNode message = JSON.createObjectNode();
        message.put("request", true).put("id", id).put("method", method);
        message.set("data", orEmpty(data));
        return write(message);
    }

    public static String success(JsonNode id, JsonNode data) {
        ObjectNode message = JSON.createObjectNode();
        message.put("response", true).set("id", id);
        message.put("ok", true).set("data", orEmpty(data));
        return write(message);
    }

    public static String error(JsonNode id, int errorCode, String errorReason) {
        ObjectNode message = JSON.createObjectNode();
        message.put("response", true).set("id", id);
        message.put("ok", false).put("errorCode", errorCode).put("errorReason", errorReason);
        return write(message);
    }

    public static String notification(String method, JsonNode data) {
        ObjectNode message = JSON.createObjectNode();
        message.put("notification", true).put("method", method);
        message.set("data", orEmpty(data));
        return write(message);
    }

    private static JsonNode orEmpty(JsonNode data) {
        return data == null || data.isNull() || data.isMissingNode() ? JSON.createObjectNode() : data;
    }

    private static String write(ObjectNode message) {
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
