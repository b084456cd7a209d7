package io.tributary.worker.ortc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.worker.errors.TypeError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * JavaScript's view of raw JSON, so validation accepts and rejects exactly what mediasoup's
 * {@code typeof} and truthiness checks do. A {@code null} or missing node is JavaScript's
 * {@code undefined}.
 */
final class JsValues {

    /** Converts our records to trees (and back) with their own annotations; no extra configuration. */
    static final ObjectMapper MAPPER = new ObjectMapper();

    private static final long UINT32_MAX = 0xFFFF_FFFFL;

    private JsValues() {}

    static boolean isAbsent(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull();
    }

    static boolean isTruthy(JsonNode node) {
        if (isAbsent(node)) {
            return false;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            return node.doubleValue() != 0;
        }
        if (node.isTextual()) {
            return !node.textValue().isEmpty();
        }
        return true;
    }

    /** {@code typeof x === 'object'}, except that null counts as not an object (JS would crash on it). */
    static boolean isObject(JsonNode node) {
        return node != null && (node.isObject() || node.isArray());
    }

    static boolean isNumber(JsonNode node) {
        return node != null && node.isNumber();
    }

    static boolean isString(JsonNode node) {
        return node != null && node.isTextual();
    }

    static boolean isBoolean(JsonNode node) {
        return node != null && node.isBoolean();
    }

    /** The text of a string node, if it is one. */
    static Optional<String> string(JsonNode node) {
        return isString(node) ? Optional.of(node.textValue()) : Optional.empty();
    }

    static boolean isArrayNode(JsonNode node) {
        return node != null && node.isArray();
    }

    /** Optional array member: falsy means empty, anything else must be an array. */
    static JsonNode optionalArray(JsonNode node, String message) {
        if (!isTruthy(node)) {
            return MAPPER.createArrayNode();
        }
        if (!isArrayNode(node)) {
            throw new TypeError(message);
        }
        return node;
    }

    /** {@code x === true}. */
    static boolean isTrue(JsonNode node) {
        return node != null && node.isBoolean() && node.booleanValue();
    }

    /** Named member of an object; arrays and scalars have none, like {@code [].uri} in JS. */
    static JsonNode member(JsonNode node, String name) {
        return node != null && node.isObject() ? node.get(name) : null;
    }

    /** Throws unless the node is an object (or array); JS accepts arrays where objects are expected. */
    static JsonNode requireObject(JsonNode node, String message) {
        if (!isObject(node)) {
            throw new TypeError(message);
        }
        return node;
    }

    /** The canonical value of a numeric node, or null for the infinities JSON like 1e400 parses to. */
    static Number finiteNumber(JsonNode node) {
        if (!Double.isFinite(node.doubleValue())) {
            return null;
        }
        return JsNumber.normalize(node.numberValue());
    }

    /** A numeric node whose value is integral and in int range, else the TypeError. */
    static int integer(JsonNode node, String message) {
        if (!(finiteNumber(node) instanceof Integer i)) {
            throw new TypeError(message);
        }
        return i;
    }

    /** A numeric node whose value is an integral, non-negative long, else the TypeError. */
    static long nonNegativeLong(JsonNode node, String message) {
        Number n = finiteNumber(node);
        if (n == null || n instanceof Double || n.longValue() < 0) {
            throw new TypeError(message);
        }
        return n.longValue();
    }

    static long uint32(JsonNode node, String message) {
        long value = nonNegativeLong(node, message);
        if (value > UINT32_MAX) {
            throw new TypeError(message);
        }
        return value;
    }

    /** {@code String(value)} as JavaScript prints it inside template literals. */
    static String toJsString(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "undefined";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isNumber()) {
            Number n = finiteNumber(node);
            if (n == null) {
                return node.doubleValue() > 0 ? "Infinity" : "-Infinity";
            }
            return n instanceof Double d ? JsNumber.format(d) : n.toString();
        }
        if (node.isBoolean()) {
            return Boolean.toString(node.booleanValue());
        }
        if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonNode item : node) {
                parts.add(item.isNull() ? "" : toJsString(item));
            }
            return String.join(",", parts);
        }
        return "[object Object]";
    }
}
