package io.tributary.worker.ortc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tributary.worker.errors.MediasoupError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.function.Executable;

/** Test helpers: JavaScript-like JSON literals, serialized-JSON comparison and error assertions. */
final class Json {

    /** Plain mapper, as any module would use to put our records on the wire. */
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** Accepts the literal style of mediasoup's tests: single quotes, bare keys, trailing commas. */
    private static final ObjectMapper LITERALS = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    private Json() {}

    static JsonNode js(String literal) {
        try {
            return LITERALS.readTree(literal);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad test literal: " + literal, e);
        }
    }

    static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value as a client would parse what we send. */
    static JsonNode tree(Object value) {
        try {
            return MAPPER.readTree(json(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Same JSON value (member order aside) as the literal. */
    static void assertJson(String expectedLiteral, Object actual) {
        assertEquals(js(expectedLiteral), tree(actual));
    }

    static JsonNode resource(String name) {
        try (InputStream in = Json.class.getResourceAsStream("/ortc/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource ortc/" + name);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts the mediasoup error kind (exact class) and message. */
    static <T extends MediasoupError> T assertError(Class<T> kind, String message, Executable call) {
        MediasoupError error = assertThrows(MediasoupError.class, call);
        assertEquals(kind, error.getClass(), () -> "kind of " + error);
        assertEquals(message, error.getMessage());
        return kind.cast(error);
    }
}
