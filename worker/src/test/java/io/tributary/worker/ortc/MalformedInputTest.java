package io.tributary.worker.ortc;

import static io.tributary.worker.ortc.Json.assertError;
import static io.tributary.worker.ortc.Json.js;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.worker.errors.MediasoupError;
import io.tributary.worker.errors.TypeError;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad shape mediasoup rejects, with its kind and exact text. */
class MalformedInputTest {

    private static final String OPUS = "mimeType: 'audio/opus', clockRate: 48000";

    private static Arguments caps(String literal, String message) {
        return Arguments.of("caps " + literal, (Function<JsonNode, ?>) Ortc::validateRtpCapabilities, literal,
                TypeError.class, message);
    }

    private static Arguments params(String literal, String message) {
        return Arguments.of("params " + literal, (Function<JsonNode, ?>) Ortc::validateRtpParameters, literal,
                TypeError.class, message);
    }

    private static Arguments capCodec(String members, String message) {
        return caps("{codecs: [{" + members + "}]}", message);
    }

    private static Arguments codec(String members, String message) {
        return params("{codecs: [{" + members + "}]}", message);
    }

    private static Arguments encoding(String members, String message) {
        return params("{codecs: [], encodings: [{" + members + "}]}", message);
    }

    private static Arguments sctp(String literal, String message) {
        return Arguments.of("sctpStreamParameters " + literal,
                (Function<JsonNode, ?>) Ortc::validateSctpStreamParameters, literal, TypeError.class, message);
    }

    private static Arguments sctpCaps(String literal, String message) {
        return Arguments.of("sctpCapabilities " + literal, (Function<JsonNode, ?>) Ortc::validateSctpCapabilities,
                literal, TypeError.class, message);
    }

    private static Arguments dtls(String literal, String message) {
        return Arguments.of("dtlsParameters " + literal, (Function<JsonNode, ?>) Ortc::validateDtlsParameters,
                literal, TypeError.class, message);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                caps("'x'", "caps is not an object"),
                caps("null", "caps is not an object"),
                caps("5", "caps is not an object"),
                caps("{codecs: {}}", "caps.codecs is not an array"),
                caps("{codecs: 'opus'}", "caps.codecs is not an array"),
                caps("{codecs: true}", "caps.codecs is not an array"),
                caps("{headerExtensions: 5}", "caps.headerExtensions is not an array"),
                caps("{codecs: [5]}", "codec is not an object"),
                caps("{codecs: [null]}", "codec is not an object"),
                capCodec("", "missing codec.mimeType"),
                capCodec("mimeType: 5, clockRate: 1", "missing codec.mimeType"),
                capCodec("mimeType: '', clockRate: 1", "missing codec.mimeType"),
                capCodec("mimeType: 'opus', clockRate: 1", "invalid codec.mimeType"),
                capCodec("mimeType: 'audio/', clockRate: 1", "invalid codec.mimeType"),
                capCodec("mimeType: 'text/plain', clockRate: 1", "invalid codec.mimeType"),
                capCodec("mimeType: 'audio/\\nopus', clockRate: 1", "invalid codec.mimeType"),
                capCodec(OPUS + ", preferredPayloadType: '100'", "invalid codec.preferredPayloadType"),
                capCodec(OPUS + ", preferredPayloadType: true", "invalid codec.preferredPayloadType"),
                capCodec(OPUS + ", preferredPayloadType: 100.5", "invalid codec.preferredPayloadType"),
                capCodec("mimeType: 'audio/opus'", "missing codec.clockRate"),
                capCodec("mimeType: 'audio/opus', clockRate: '48000'", "missing codec.clockRate"),
                capCodec("mimeType: 'audio/opus', clockRate: null", "missing codec.clockRate"),
                capCodec("mimeType: 'audio/opus', clockRate: 48000.5", "invalid codec.clockRate"),
                capCodec(OPUS + ", channels: 1.5", "invalid codec.channels"),
                capCodec(OPUS + ", parameters: {foo: true}", "invalid codec parameter [key:foos, value:true]"),
                capCodec(OPUS + ", parameters: {foo: null}", "invalid codec parameter [key:foos, value:null]"),
                capCodec(OPUS + ", parameters: {foo: {a: 1}}",
                        "invalid codec parameter [key:foos, value:[object Object]]"),
                capCodec(OPUS + ", parameters: {foo: [1, 'a', null, 2.5]}",
                        "invalid codec parameter [key:foos, value:1,a,,2.5]"),
                capCodec(OPUS + ", parameters: {ok: 1, bar: []}", "invalid codec parameter [key:bars, value:]"),
                capCodec("mimeType: 'video/rtx', clockRate: 90000, parameters: {apt: '101'}",
                        "invalid codec apt parameter"),
                capCodec(OPUS + ", rtcpFeedback: [5]", "fb is not an object"),
                capCodec(OPUS + ", rtcpFeedback: [null]", "fb is not an object"),
                capCodec(OPUS + ", rtcpFeedback: [{}]", "missing fb.type"),
                capCodec(OPUS + ", rtcpFeedback: [{type: 5}]", "missing fb.type"),
                capCodec(OPUS + ", rtcpFeedback: [{type: ''}]", "missing fb.type"),
                caps("{headerExtensions: [5]}", "ext is not an object"),
                caps("{headerExtensions: [{}]}", "invalid ext.kind"),
                caps("{headerExtensions: [{kind: 'AUDIO', uri: 'urn:x', preferredId: 1}]}", "invalid ext.kind"),
                caps("{headerExtensions: [{kind: 'audio', preferredId: 1}]}", "missing ext.uri"),
                caps("{headerExtensions: [{kind: 'audio', uri: 5, preferredId: 1}]}", "missing ext.uri"),
                caps("{headerExtensions: [{kind: 'audio', uri: 'urn:x'}]}", "missing ext.preferredId"),
                caps("{headerExtensions: [{kind: 'audio', uri: 'urn:x', preferredId: '1'}]}",
                        "missing ext.preferredId"),
                caps("{headerExtensions: [{kind: 'audio', uri: 'urn:x', preferredId: 1.5}]}",
                        "invalid ext.preferredId"),
                caps("{headerExtensions: [{kind: 'audio', uri: 'urn:x', preferredId: 1, preferredEncrypt: 'yes'}]}",
                        "invalid ext.preferredEncrypt"),
                caps("{headerExtensions: [{kind: 'audio', uri: 'urn:x', preferredId: 1, direction: 5}]}",
                        "invalid ext.direction"),
                caps("{headerExtensions: [{kind: 'audio', uri: 'urn:x', preferredId: 1, direction: 'both'}]}",
                        "invalid ext.direction"),
                params("'x'", "params is not an object"),
                params("null", "params is not an object"),
                params("{}", "missing params.codecs"),
                params("{codecs: {}}", "missing params.codecs"),
                params("{mid: 5, codecs: []}", "params.mid is not a string"),
                params("{mid: true, codecs: []}", "params.mid is not a string"),
                params("{codecs: [], headerExtensions: 'x'}", "params.headerExtensions is not an array"),
                params("{codecs: [], encodings: {}}", "params.encodings is not an array"),
                params("{codecs: [], rtcp: 'x'}", "params.rtcp is not an object"),
                params("{codecs: [], rtcp: true}", "params.rtcp is not an object"),
                params("{codecs: [7]}", "codec is not an object"),
                codec("payloadType: 100, clockRate: 1", "missing codec.mimeType"),
                codec("mimeType: 'x/opus', payloadType: 100, clockRate: 1", "invalid codec.mimeType"),
                codec(OPUS, "missing codec.payloadType"),
                codec(OPUS + ", payloadType: '100'", "missing codec.payloadType"),
                codec(OPUS + ", payloadType: 100.5", "invalid codec.payloadType"),
                codec("mimeType: 'audio/opus', payloadType: 100", "missing codec.clockRate"),
                codec("mimeType: 'video/rtx', payloadType: 97, clockRate: 90000, parameters: {apt: '96'}",
                        "invalid codec apt parameter"),
                codec(OPUS + ", payloadType: 100, parameters: {x: false}", "invalid codec parameter [key:xs, value:false]"),
                codec(OPUS + ", payloadType: 100, rtcpFeedback: [{parameter: 'pli'}]", "missing fb.type"),
                params("{codecs: [], headerExtensions: [7]}", "ext is not an object"),
                params("{codecs: [], headerExtensions: [{}]}", "missing ext.uri"),
                params("{codecs: [], headerExtensions: [{uri: 'urn:x'}]}", "missing ext.id"),
                params("{codecs: [], headerExtensions: [{uri: 'urn:x', id: '1'}]}", "missing ext.id"),
                params("{codecs: [], headerExtensions: [{uri: 'urn:x', id: 1.5}]}", "invalid ext.id"),
                params("{codecs: [], headerExtensions: [{uri: 'urn:x', id: 1, encrypt: 'x'}]}", "invalid ext.encrypt"),
                params("{codecs: [], headerExtensions: [{uri: 'urn:x', id: 1, parameters: {a: true}}]}",
                        "invalid header extension parameter"),
                params("{codecs: [], encodings: [7]}", "encoding is not an object"),
                encoding("ssrc: '1111'", "invalid encoding.ssrc"),
                encoding("ssrc: -1", "invalid encoding.ssrc"),
                encoding("ssrc: 4294967296", "invalid encoding.ssrc"),
                encoding("ssrc: 1.5", "invalid encoding.ssrc"),
                encoding("ssrc: true", "invalid encoding.ssrc"),
                encoding("rid: 5", "invalid encoding.rid"),
                encoding("rtx: 5", "invalid encoding.rtx"),
                encoding("rtx: 'x'", "invalid encoding.rtx"),
                encoding("rtx: {}", "missing encoding.rtx.ssrc"),
                encoding("rtx: []", "missing encoding.rtx.ssrc"),
                encoding("rtx: {ssrc: '1'}", "missing encoding.rtx.ssrc"),
                encoding("rtx: {ssrc: -5}", "invalid encoding.rtx.ssrc"),
                encoding("scalabilityMode: 5", "invalid encoding.scalabilityMode"),
                encoding("codecPayloadType: 'x'", "invalid encoding.codecPayloadType"),
                encoding("codecPayloadType: 1.5", "invalid encoding.codecPayloadType"),
                encoding("scaleResolutionDownBy: '2'", "invalid encoding.scaleResolutionDownBy"),
                encoding("maxBitrate: '1000'", "invalid encoding.maxBitrate"),
                encoding("maxBitrate: -1", "invalid encoding.maxBitrate"),
                encoding("maxFramerate: true", "invalid encoding.maxFramerate"),
                encoding("adaptivePtime: 'yes'", "invalid encoding.adaptivePtime"),
                encoding("priority: 1", "invalid encoding.priority"),
                encoding("networkPriority: {}", "invalid encoding.networkPriority"),
                encoding("ssrc: 'a', rtx: 5", "invalid encoding.ssrc"),
                encoding("rtx: 5, maxBitrate: 'x'", "invalid encoding.rtx"),
                params("{codecs: [], rtcp: {cname: 5}}", "invalid rtcp.cname"),
                params("{codecs: [], rtcp: {mux: 'x'}}", "invalid rtcp.mux"),
                sctp("'x'", "params is not an object"),
                sctp("{}", "missing params.streamId"),
                sctp("{streamId: '1'}", "missing params.streamId"),
                sctp("{streamId: 1.5}", "invalid params.streamId"),
                sctp("{streamId: 1, maxPacketLifeTime: 'x'}", "invalid params.maxPacketLifeTime"),
                sctp("{streamId: 1, maxRetransmits: 'x'}", "invalid params.maxRetransmits"),
                sctp("{streamId: 1, maxRetransmits: 2.5}", "invalid params.maxRetransmits"),
                sctp("{streamId: 1, maxPacketLifeTime: 1, maxRetransmits: 1}",
                        "cannot provide both maxPacketLifeTime and maxRetransmits"),
                sctp("{streamId: 1, ordered: false, maxPacketLifeTime: 1, maxRetransmits: 1}",
                        "cannot provide both maxPacketLifeTime and maxRetransmits"),
                sctp("{streamId: 1, ordered: true, maxPacketLifeTime: 5000}",
                        "cannot be ordered with maxPacketLifeTime or maxRetransmits"),
                sctp("{streamId: 1, ordered: true, maxRetransmits: 3}",
                        "cannot be ordered with maxPacketLifeTime or maxRetransmits"),
                sctpCaps("5", "caps is not an object"),
                sctpCaps("{}", "missing caps.numStreams"),
                sctpCaps("{numStreams: 5}", "missing caps.numStreams"),
                sctpCaps("{numStreams: null}", "missing caps.numStreams"),
                sctpCaps("{numStreams: {}}", "missing numStreams.OS"),
                sctpCaps("{numStreams: {OS: '1024', MIS: 1024}}", "missing numStreams.OS"),
                sctpCaps("{numStreams: {OS: 1024}}", "missing numStreams.MIS"),
                sctpCaps("{numStreams: {OS: 1024, MIS: 10.5}}", "invalid numStreams.MIS"),
                Arguments.of("numSctpStreams 'x'", (Function<JsonNode, ?>) Ortc::validateNumSctpStreams, "'x'",
                        TypeError.class, "numStreams is not an object"),
                dtls("5", "missing dtlsParameters"),
                dtls("{}", "missing dtlsParameters.fingerprints"),
                dtls("{role: 'client', fingerprints: []}", "empty dtlsParameters.fingerprints array"),
                dtls("{fingerprints: [5]}", "fingerprint is not an object"),
                dtls("{fingerprints: [{algorithm: 'sha-256000', value: 'AB:CD'}]}",
                        "invalid FingerprintAlgorithm: sha-256000"),
                dtls("{fingerprints: [{value: 'AB:CD'}]}", "invalid FingerprintAlgorithm: undefined"),
                dtls("{fingerprints: [{algorithm: 'sha-256'}]}", "missing fingerprint.value"),
                dtls("{role: 'chicken', fingerprints: [{algorithm: 'sha-256', value: 'AB:CD'}]}",
                        "invalid DtlsRole: chicken"),
                Arguments.of("mediaCodecs {}", (Function<JsonNode, ?>) Ortc::generateRouterRtpCapabilities, "{}",
                        TypeError.class, "mediaCodecs must be an Array"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectedWithMediasoupKindAndText(
            String name,
            Function<JsonNode, ?> validator,
            String literal,
            Class<? extends MediasoupError> kind,
            String message) {
        assertError(kind, message, () -> validator.apply(js(literal)));
    }
}
