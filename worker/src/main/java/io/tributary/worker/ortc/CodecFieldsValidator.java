package io.tributary.worker.ortc;

import static io.tributary.worker.ortc.JsValues.isArrayNode;
import static io.tributary.worker.ortc.JsValues.isNumber;
import static io.tributary.worker.ortc.JsValues.isObject;
import static io.tributary.worker.ortc.JsValues.isString;
import static io.tributary.worker.ortc.JsValues.isTruthy;
import static io.tributary.worker.ortc.JsValues.member;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.worker.errors.TypeError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Validation shared by codec capabilities and codec parameters (mediasoup's messages verbatim). */
final class CodecFieldsValidator {

    /** JavaScript's {@code ^(audio|video)/(.+)}: '.' excludes JS line terminators only. */
    private static final Pattern MIME_TYPE =
            Pattern.compile("^(audio|video)/[^\\n\\r\\u2028\\u2029]", Pattern.CASE_INSENSITIVE);

    private CodecFieldsValidator() {}

    /** The media kind named by {@code codec.mimeType}. */
    static MediaKind kindFromMimeType(JsonNode codec) {
        JsonNode mimeType = member(codec, "mimeType");
        if (!isTruthy(mimeType) || !isString(mimeType)) {
            throw new TypeError("missing codec.mimeType");
        }
        Matcher m = MIME_TYPE.matcher(mimeType.textValue());
        if (!m.find()) {
            throw new TypeError("invalid codec.mimeType");
        }
        return m.group(1).toLowerCase(Locale.ROOT).equals("audio") ? MediaKind.AUDIO : MediaKind.VIDEO;
    }

    static int clockRate(JsonNode codec) {
        JsonNode clockRate = member(codec, "clockRate");
        if (!isNumber(clockRate)) {
            throw new TypeError("missing codec.clockRate");
        }
        return JsValues.integer(clockRate, "invalid codec.clockRate");
    }

    /** Audio defaults to one channel when none (or a non-number) is given; video has none. */
    static Integer channels(JsonNode codec, MediaKind kind) {
        if (kind != MediaKind.AUDIO) {
            return null;
        }
        JsonNode channels = member(codec, "channels");
        return isNumber(channels) ? JsValues.integer(channels, "invalid codec.channels") : 1;
    }

    static ParameterMap codecParameters(JsonNode codec) {
        Map<String, JsonNode> raw = rawParameters(member(codec, "parameters"));
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        raw.forEach((key, value) -> {
            if (!isString(value) && !isFiniteNumber(value)) {
                throw new TypeError("invalid codec parameter [key:" + key + "s, value:" + JsValues.toJsString(value) + "]");
            }
            if (key.equals("apt") && !isNumber(value)) {
                throw new TypeError("invalid codec apt parameter");
            }
            out.put(key, parameterValue(value));
        });
        return ParameterMap.copyOf(out);
    }

    static ParameterMap extensionParameters(JsonNode ext) {
        Map<String, JsonNode> raw = rawParameters(member(ext, "parameters"));
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        raw.forEach((key, value) -> {
            if (!isString(value) && !isFiniteNumber(value)) {
                throw new TypeError("invalid header extension parameter");
            }
            out.put(key, parameterValue(value));
        });
        return ParameterMap.copyOf(out);
    }

    /** A missing or non-array list means none; each entry needs a string type. */
    static List<RtcpFeedback> rtcpFeedback(JsonNode codec) {
        JsonNode list = member(codec, "rtcpFeedback");
        List<RtcpFeedback> out = new ArrayList<>();
        if (!isArrayNode(list)) {
            return out;
        }
        for (JsonNode fb : list) {
            JsValues.requireObject(fb, "fb is not an object");
            JsonNode type = member(fb, "type");
            if (!isTruthy(type) || !isString(type)) {
                throw new TypeError("missing fb.type");
            }
            JsonNode parameter = member(fb, "parameter");
            boolean hasParameter = isTruthy(parameter) && isString(parameter);
            out.add(new RtcpFeedback(type.textValue(), hasParameter ? parameter.textValue() : ""));
        }
        return out;
    }

    /** Entries of a parameters object; anything that is not an object counts as {}. Arrays key by index, as in JS. */
    private static Map<String, JsonNode> rawParameters(JsonNode parameters) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (!isTruthy(parameters) || !isObject(parameters)) {
            return out;
        }
        if (parameters.isArray()) {
            for (int i = 0; i < parameters.size(); i++) {
                out.put(Integer.toString(i), parameters.get(i));
            }
        } else {
            parameters.properties().forEach(e -> out.put(e.getKey(), e.getValue()));
        }
        return out;
    }

    /** Infinite numbers (JSON like 1e400) cannot be represented on the wire, so they count as invalid. */
    private static boolean isFiniteNumber(JsonNode value) {
        return isNumber(value) && JsValues.finiteNumber(value) != null;
    }

    private static Object parameterValue(JsonNode value) {
        return value.isTextual() ? value.textValue() : JsValues.finiteNumber(value);
    }
}
