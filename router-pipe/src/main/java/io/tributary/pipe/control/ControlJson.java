package io.tributary.pipe.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.tributary.worker.errors.TypeError;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/** JSON of the control API: records in and out with Jackson; unknown fields are tolerated for rolling upgrades. */
public final class ControlJson {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ControlJson() {
    }

    public static Buffer encode(Object value) {
        try {
            return Buffer.buffer(MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serializable: " + value, e);
        }
    }

    /** A request body as {@code type}; malformed JSON is a TypeError (HTTP 400). */
    public static <T> T decode(Buffer body, Class<T> type) {
        if (body == null || body.length() == 0) {
            throw new TypeError("missing request body");
        }
        try {
            return MAPPER.readValue(body.getBytes(), type);
        } catch (IOException e) {
            throw new TypeError("invalid " + type.getSimpleName() + " body: " + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
    }

    /** A reply body as a tree; an unparseable one is a missing node, so callers read defaults. */
    static JsonNode tree(Buffer body) {
        try {
            return body == null || body.length() == 0 ? MissingNode.getInstance() : MAPPER.readTree(body.getBytes());
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }
}
