package io.tributary.worker.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * JSON for API tests: literals written as in mediasoup's tests (single quotes, bare keys, trailing
 * commas) and the JSON a client would see for any of our records or maps.
 */
public final class Js {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectMapper LITERALS = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    private Js() {
    }

    /** A JavaScript-style object literal as a JSON tree. */
    public static JsonNode js(String literal) {
        try {
            return LITERALS.readTree(literal);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad test literal: " + literal, e);
        }
    }

    /** What {@code value} looks like once serialized, as a tree. */
    public static JsonNode tree(Object value) {
        try {
            return MAPPER.readTree(MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the JSON array has an element equal to {@code literal} (order of members aside). */
    public static boolean contains(JsonNode array, String literal) {
        JsonNode wanted = js(literal);
        for (JsonNode element : array) {
            if (element.equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    public static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
