package io.tributary.worker.ortc;

import static io.tributary.worker.ortc.JsValues.isBoolean;
import static io.tributary.worker.ortc.JsValues.isNumber;
import static io.tributary.worker.ortc.JsValues.isString;
import static io.tributary.worker.ortc.JsValues.isTruthy;
import static io.tributary.worker.ortc.JsValues.member;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.worker.errors.TypeError;
import java.util.ArrayList;
import java.util.List;

/** mediasoup's {@code validateRtpCapabilities}: checks raw JSON and returns it normalized. */
final class RtpCapabilitiesValidator {

    private RtpCapabilitiesValidator() {}

    static RtpCapabilities validate(JsonNode caps) {
        JsValues.requireObject(caps, "caps is not an object");
        JsonNode codecs = JsValues.optionalArray(member(caps, "codecs"), "caps.codecs is not an array");
        List<RtpCodecCapability> validCodecs = new ArrayList<>();
        for (JsonNode codec : codecs) {
            validCodecs.add(validateCodec(codec));
        }
        JsonNode exts = JsValues.optionalArray(member(caps, "headerExtensions"), "caps.headerExtensions is not an array");
        List<RtpHeaderExtension> validExts = new ArrayList<>();
        for (JsonNode ext : exts) {
            validExts.add(validateHeaderExtension(ext));
        }
        return new RtpCapabilities(validCodecs, validExts);
    }

    static RtpCodecCapability validateCodec(JsonNode codec) {
        JsValues.requireObject(codec, "codec is not an object");
        MediaKind kind = CodecFieldsValidator.kindFromMimeType(codec);
        JsonNode pt = member(codec, "preferredPayloadType");
        if (isTruthy(pt) && !isNumber(pt)) {
            throw new TypeError("invalid codec.preferredPayloadType");
        }
        Integer preferredPayloadType =
                isNumber(pt) ? JsValues.integer(pt, "invalid codec.preferredPayloadType") : null;
        int clockRate = CodecFieldsValidator.clockRate(codec);
        return new RtpCodecCapability(
                kind,
                member(codec, "mimeType").textValue(),
                preferredPayloadType,
                clockRate,
                CodecFieldsValidator.channels(codec, kind),
                CodecFieldsValidator.codecParameters(codec),
                CodecFieldsValidator.rtcpFeedback(codec));
    }

    static RtpHeaderExtension validateHeaderExtension(JsonNode ext) {
        JsValues.requireObject(ext, "ext is not an object");
        JsonNode kind = member(ext, "kind");
        MediaKind mediaKind =
                JsValues.string(kind).flatMap(MediaKind::find).orElseThrow(() -> new TypeError("invalid ext.kind"));
        JsonNode uri = member(ext, "uri");
        if (!isTruthy(uri) || !isString(uri)) {
            throw new TypeError("missing ext.uri");
        }
        JsonNode preferredId = member(ext, "preferredId");
        if (!isNumber(preferredId)) {
            throw new TypeError("missing ext.preferredId");
        }
        JsonNode encrypt = member(ext, "preferredEncrypt");
        if (isTruthy(encrypt) && !isBoolean(encrypt)) {
            throw new TypeError("invalid ext.preferredEncrypt");
        }
        return new RtpHeaderExtension(
                mediaKind,
                uri.textValue(),
                JsValues.integer(preferredId, "invalid ext.preferredId"),
                JsValues.isTrue(encrypt),
                direction(member(ext, "direction")));
    }

    /** Defaults to sendrecv; unlike mediasoup, an unknown direction string is rejected too. */
    private static RtpHeaderExtensionDirection direction(JsonNode direction) {
        if (!isTruthy(direction)) {
            return RtpHeaderExtensionDirection.SENDRECV;
        }
        return JsValues.string(direction)
                .flatMap(RtpHeaderExtensionDirection::find)
                .orElseThrow(() -> new TypeError("invalid ext.direction"));
    }
}
