package io.tributary.worker.ortc;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Codec (or header extension) {@code parameters}: an ordered, immutable map whose values are
 * strings or numbers, exactly as SDP fmtp parameters travel in mediasoup's JSON. Numbers are kept
 * in {@link JsNumber#normalize canonical} form so equality matches JavaScript's {@code ===}.
 */
@JsonSerialize(using = ParameterMap.Serializer.class)
public final class ParameterMap {

    public static final ParameterMap EMPTY = new ParameterMap(new LinkedHashMap<>());

    private final Map<String, Object> values;

    private ParameterMap(LinkedHashMap<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** Builds a map from key/value pairs: {@code of("apt", 101, "foo", "bar")}. */
    public static ParameterMap of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must come in pairs");
        }
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) Objects.requireNonNull(keysAndValues[i], "key"), normalizeValue(keysAndValues[i + 1]));
        }
        return new ParameterMap(map);
    }

    /** Copies a map, keeping its iteration order; values must be strings or numbers. */
    @JsonCreator
    public static ParameterMap copyOf(Map<String, ?> map) {
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(key, normalizeValue(value)));
        return new ParameterMap(copy);
    }

    static Object normalizeValue(Object value) {
        if (value instanceof String) {
            return value;
        }
        if (value instanceof Number number) {
            return JsNumber.normalize(number);
        }
        throw new IllegalArgumentException("parameter values must be strings or numbers, got " + value);
    }

    /** The value (String, Integer, Long or Double) or null when absent. */
    public Object get(String key) {
        return values.get(key);
    }

    public boolean containsKey(String key) {
        return values.containsKey(key);
    }

    public Set<String> keys() {
        return values.keySet();
    }

    public int size() {
        return values.size();
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** Read-only view in insertion order. */
    public Map<String, Object> asMap() {
        return values;
    }

    /** A copy with the key set; an existing key keeps its position, like a JS object assignment. */
    public ParameterMap with(String key, Object value) {
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(Objects.requireNonNull(key, "key"), normalizeValue(value));
        return new ParameterMap(copy);
    }

    public ParameterMap without(String key) {
        if (!values.containsKey(key)) {
            return this;
        }
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>(values);
        copy.remove(key);
        return new ParameterMap(copy);
    }

    /** {@code {...this, ...overrides}}: our keys first, overriding values win. */
    public ParameterMap merge(ParameterMap overrides) {
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>(values);
        copy.putAll(overrides.values);
        return new ParameterMap(copy);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ParameterMap that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }

    /** Writes the values in order, numbers as JavaScript prints them. */
    static final class Serializer extends JsonSerializer<ParameterMap> {
        @Override
        public void serialize(ParameterMap map, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeStartObject();
            for (Map.Entry<String, Object> entry : map.values.entrySet()) {
                gen.writeFieldName(entry.getKey());
                if (entry.getValue() instanceof Number number) {
                    JsNumber.write(number, gen);
                } else {
                    gen.writeString((String) entry.getValue());
                }
            }
            gen.writeEndObject();
        }
    }
}
