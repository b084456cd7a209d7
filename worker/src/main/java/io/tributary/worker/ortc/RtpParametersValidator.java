package io.tributary.worker.ortc;

import static io.tributary.worker.ortc.JsValues.isArrayNode;
import static io.tributary.worker.ortc.JsValues.isBoolean;
import static io.tributary.worker.ortc.JsValues.isNumber;
import static io.tributary.worker.ortc.JsValues.isObject;
import static io.tributary.worker.ortc.JsValues.isString;
import static io.tributary.worker.ortc.JsValues.isTruthy;
import static io.tributary.worker.ortc.JsValues.member;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.worker.errors.TypeError;
import java.util.ArrayList;
import java.util.List;

/**
 * mediasoup's {@code validateRtpParameters}: checks raw JSON and returns it normalized. Encoding
 * members mediasoup does not check (maxBitrate, scaleResolutionDownBy…) must still have their
 * JSON type here, since they are typed in Java; the messages follow mediasoup's style.
 */
final class RtpParametersValidator {

    private RtpParametersValidator() {}

    static RtpParameters validate(JsonNode params) {
        JsValues.requireObject(params, "params is not an object");
        JsonNode mid = member(params, "mid");
        if (isTruthy(mid) && !isString(mid)) {
            throw new TypeError("params.mid is not a string");
        }
        JsonNode codecs = member(params, "codecs");
        if (!isArrayNode(codecs)) {
            throw new TypeError("missing params.codecs");
        }
        List<RtpCodecParameters> validCodecs = new ArrayList<>();
        for (JsonNode codec : codecs) {
            validCodecs.add(validateCodec(codec));
        }
        JsonNode exts = JsValues.optionalArray(
                member(params, "headerExtensions"), "params.headerExtensions is not an array");
        List<RtpHeaderExtensionParameters> validExts = new ArrayList<>();
        for (JsonNode ext : exts) {
            validExts.add(validateHeaderExtension(ext));
        }
        JsonNode encodings = JsValues.optionalArray(
                member(params, "encodings"), "params.encodings is not an array");
        List<RtpEncodingParameters> validEncodings = new ArrayList<>();
        for (JsonNode encoding : encodings) {
            validEncodings.add(validateEncoding(encoding));
        }
        JsonNode rtcp = member(params, "rtcp");
        if (isTruthy(rtcp) && !isObject(rtcp)) {
            throw new TypeError("params.rtcp is not an object");
        }
        return new RtpParameters(
                isString(mid) ? mid.textValue() : null, validCodecs, validExts, validEncodings, validateRtcp(rtcp));
    }

    static RtpCodecParameters validateCodec(JsonNode codec) {
        JsValues.requireObject(codec, "codec is not an object");
        MediaKind kind = CodecFieldsValidator.kindFromMimeType(codec);
        JsonNode payloadType = member(codec, "payloadType");
        if (!isNumber(payloadType)) {
            throw new TypeError("missing codec.payloadType");
        }
        int pt = JsValues.integer(payloadType, "invalid codec.payloadType");
        int clockRate = CodecFieldsValidator.clockRate(codec);
        return new RtpCodecParameters(
                member(codec, "mimeType").textValue(),
                pt,
                clockRate,
                CodecFieldsValidator.channels(codec, kind),
                CodecFieldsValidator.codecParameters(codec),
                CodecFieldsValidator.rtcpFeedback(codec));
    }

    static RtpHeaderExtensionParameters validateHeaderExtension(JsonNode ext) {
        JsValues.requireObject(ext, "ext is not an object");
        JsonNode uri = member(ext, "uri");
        if (!isTruthy(uri) || !isString(uri)) {
            throw new TypeError("missing ext.uri");
        }
        JsonNode id = member(ext, "id");
        if (!isNumber(id)) {
            throw new TypeError("missing ext.id");
        }
        int validId = JsValues.integer(id, "invalid ext.id");
        JsonNode encrypt = member(ext, "encrypt");
        if (isTruthy(encrypt) && !isBoolean(encrypt)) {
            throw new TypeError("invalid ext.encrypt");
        }
        return new RtpHeaderExtensionParameters(
                uri.textValue(), validId, JsValues.isTrue(encrypt), CodecFieldsValidator.extensionParameters(ext));
    }

    static RtpEncodingParameters validateEncoding(JsonNode encoding) {
        JsValues.requireObject(encoding, "encoding is not an object");
        RtpEncodingParameters.Builder out = RtpEncodingParameters.builder();
        JsonNode ssrc = member(encoding, "ssrc");
        requireTypeIfTruthy(ssrc, isNumber(ssrc), "invalid encoding.ssrc");
        if (isNumber(ssrc)) {
            out.ssrc(JsValues.uint32(ssrc, "invalid encoding.ssrc"));
        }
        out.rid(optionalString(member(encoding, "rid"), "invalid encoding.rid"));
        JsonNode rtx = member(encoding, "rtx");
        requireTypeIfTruthy(rtx, isObject(rtx), "invalid encoding.rtx");
        if (isTruthy(rtx)) {
            JsonNode rtxSsrc = member(rtx, "ssrc");
            if (!isNumber(rtxSsrc)) {
                throw new TypeError("missing encoding.rtx.ssrc");
            }
            out.rtxSsrc(JsValues.uint32(rtxSsrc, "invalid encoding.rtx.ssrc"));
        }
        out.dtx(JsValues.isTrue(member(encoding, "dtx")));
        out.scalabilityMode(optionalString(member(encoding, "scalabilityMode"), "invalid encoding.scalabilityMode"));
        // Members below are unchecked in mediasoup, so they are checked after its own ones.
        JsonNode codecPayloadType = member(encoding, "codecPayloadType");
        requireTypeIfTruthy(codecPayloadType, isNumber(codecPayloadType), "invalid encoding.codecPayloadType");
        if (isNumber(codecPayloadType)) {
            out.codecPayloadType(JsValues.integer(codecPayloadType, "invalid encoding.codecPayloadType"));
        }
        out.scaleResolutionDownBy(
                optionalDouble(member(encoding, "scaleResolutionDownBy"), "invalid encoding.scaleResolutionDownBy"));
        JsonNode maxBitrate = member(encoding, "maxBitrate");
        requireTypeIfTruthy(maxBitrate, isNumber(maxBitrate), "invalid encoding.maxBitrate");
        if (isNumber(maxBitrate)) {
            out.maxBitrate(JsValues.nonNegativeLong(maxBitrate, "invalid encoding.maxBitrate"));
        }
        out.maxFramerate(optionalDouble(member(encoding, "maxFramerate"), "invalid encoding.maxFramerate"));
        JsonNode adaptivePtime = member(encoding, "adaptivePtime");
        requireTypeIfTruthy(adaptivePtime, isBoolean(adaptivePtime), "invalid encoding.adaptivePtime");
        if (isBoolean(adaptivePtime)) {
            out.adaptivePtime(adaptivePtime.booleanValue());
        }
        out.priority(optionalString(member(encoding, "priority"), "invalid encoding.priority"));
        out.networkPriority(optionalString(member(encoding, "networkPriority"), "invalid encoding.networkPriority"));
        return out.build();
    }

    /** An absent rtcp is {}; reducedSize always ends up true, as mediasoup's check overwrites false too. */
    static RtcpParameters validateRtcp(JsonNode rtcp) {
        JsonNode cname = member(rtcp, "cname");
        requireTypeIfTruthy(cname, isString(cname), "invalid rtcp.cname");
        JsonNode mux = member(rtcp, "mux");
        requireTypeIfTruthy(mux, isBoolean(mux), "invalid rtcp.mux");
        return new RtcpParameters(
                isString(cname) ? cname.textValue() : null, true, isBoolean(mux) ? mux.booleanValue() : null);
    }

    /** mediasoup's {@code if (x && typeof x !== T) throw}: falsy values of any type pass. */
    private static void requireTypeIfTruthy(JsonNode node, boolean hasType, String message) {
        if (isTruthy(node) && !hasType) {
            throw new TypeError(message);
        }
    }

    private static String optionalString(JsonNode node, String message) {
        requireTypeIfTruthy(node, isString(node), message);
        return isString(node) ? node.textValue() : null;
    }

    private static Double optionalDouble(JsonNode node, String message) {
        requireTypeIfTruthy(node, isNumber(node), message);
        if (!isNumber(node)) {
            return null;
        }
        if (JsValues.finiteNumber(node) == null) {
            throw new TypeError(message);
        }
        return node.doubleValue();
    }
}
