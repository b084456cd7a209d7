package io.tributary.worker.ortc;

import static io.tributary.worker.ortc.Json.js;
import static io.tributary.worker.ortc.Json.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The records read and write mediasoup's exact JSON with any plain ObjectMapper. */
class JsonShapesTest {

    private static <T> T read(String literal, Class<T> type) throws JsonProcessingException {
        return Json.MAPPER.treeToValue(js(literal), type);
    }

    @Test
    void absentMembersAreOmittedNotNull() {
        assertEquals("{}", json(RtpEncodingParameters.builder().build()));
        assertEquals("{\"codecs\":[]}", json(new RtpParameters(null, List.of(), null, null, null)));
        assertEquals("{\"type\":\"nack\"}", json(new RtcpFeedback("nack", null)));
        assertEquals("{\"uri\":\"urn:x\",\"id\":1}", json(new RtpHeaderExtensionParameters("urn:x", 1, null, null)));
        assertEquals("{\"mimeType\":\"video/VP8\",\"payloadType\":96,\"clockRate\":90000}",
                json(new RtpCodecParameters("video/VP8", 96, 90000, null, null, null)));
    }

    @Test
    void enumLikeStringsAreMediasoupsLowercaseStrings() throws Exception {
        RtpHeaderExtension ext = new RtpHeaderExtension(
                MediaKind.VIDEO, "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id", 2, false,
                RtpHeaderExtensionDirection.RECVONLY);
        String text = "{\"kind\":\"video\",\"uri\":\"urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id\","
                + "\"preferredId\":2,\"preferredEncrypt\":false,\"direction\":\"recvonly\"}";

        assertEquals(text, json(ext));
        assertEquals(ext, Json.MAPPER.readValue(text, RtpHeaderExtension.class));
    }

    @Test
    void unknownMembersFromBrowsersAreIgnoredWhenBinding() throws Exception {
        RtpCodecCapability codec = read("""
                {kind: 'audio', mimeType: 'audio/opus', preferredPayloadType: 111, clockRate: 48000, channels: 2,
                 parameters: {minptime: 10}, rtcpFeedback: [{type: 'transport-cc', parameter: '', x: 1}],
                 sdpFmtpLine: 'minptime=10', fooBar: {nested: true}}""", RtpCodecCapability.class);

        assertEquals("{\"kind\":\"audio\",\"mimeType\":\"audio/opus\",\"preferredPayloadType\":111,\"clockRate\":48000,"
                + "\"channels\":2,\"parameters\":{\"minptime\":10},"
                + "\"rtcpFeedback\":[{\"type\":\"transport-cc\",\"parameter\":\"\"}]}", json(codec));
    }

    @Test
    void rtpMappingShape() {
        RtpMapping mapping = new RtpMapping(
                List.of(new RtpMapping.CodecMapping(111, 100)),
                List.of(new RtpMapping.EncodingMapping(null, "r0", "L1T3", 123456789L),
                        new RtpMapping.EncodingMapping(22222222L, null, null, 123456790L)));

        assertEquals("{\"codecs\":[{\"payloadType\":111,\"mappedPayloadType\":100}],\"encodings\":["
                + "{\"rid\":\"r0\",\"scalabilityMode\":\"L1T3\",\"mappedSsrc\":123456789},"
                + "{\"ssrc\":22222222,\"mappedSsrc\":123456790}]}", json(mapping));
    }

    @Test
    void sctpShapesUseOsAndMisNames() throws Exception {
        assertEquals("{\"OS\":1024,\"MIS\":512}", json(new NumSctpStreams(1024, 512)));
        assertEquals("{\"numStreams\":{\"OS\":1024,\"MIS\":1024}}",
                json(read("{numStreams: {OS: 1024, MIS: 1024}}", SctpCapabilities.class)));
        assertEquals("{\"port\":5000,\"OS\":2048,\"MIS\":2048,\"maxMessageSize\":1000000}",
                json(new SctpParameters(5000, 2048, 2048, 1000000)));
        assertEquals("{\"streamId\":777,\"ordered\":false,\"maxRetransmits\":3}",
                json(new SctpStreamParameters(777, false, null, 3)));
    }

    @Test
    void webRtcTransportParametersRoundTrip() throws Exception {
        JsonNode transport = Json.resource("webrtc-transport-parameters.json");

        IceParameters ice = Json.MAPPER.treeToValue(transport.get("iceParameters"), IceParameters.class);
        IceCandidate[] candidates = Json.MAPPER.treeToValue(transport.get("iceCandidates"), IceCandidate[].class);
        DtlsParameters dtls = Json.MAPPER.treeToValue(transport.get("dtlsParameters"), DtlsParameters.class);
        SctpParameters sctp = Json.MAPPER.treeToValue(transport.get("sctpParameters"), SctpParameters.class);

        assertEquals(transport.get("iceParameters"), Json.tree(ice));
        assertEquals(transport.get("iceCandidates"), Json.tree(candidates));
        assertEquals(transport.get("dtlsParameters"), Json.tree(dtls));
        assertEquals(transport.get("sctpParameters"), Json.tree(sctp));
        assertEquals(TransportProtocol.TCP, candidates[1].protocol());
        assertEquals(IceCandidateTcpType.PASSIVE, candidates[1].tcpType());
        assertEquals(null, candidates[0].tcpType());
        assertEquals(1076302079L, candidates[0].priority());
        assertEquals(FingerprintAlgorithm.SHA_256, dtls.fingerprints().get(1).algorithm());
        assertEquals(dtls, Ortc.validateDtlsParameters(transport.get("dtlsParameters")));
    }

    @Test
    void parameterMapKeepsInsertionOrderAndMergesLikeObjectSpread() {
        ParameterMap supported = ParameterMap.of("level-asymmetry-allowed", 1);
        ParameterMap media = ParameterMap.of(
                "packetization-mode", 1, "profile-level-id", "4d0032", "level-asymmetry-allowed", 0);

        assertEquals("{\"level-asymmetry-allowed\":0,\"packetization-mode\":1,\"profile-level-id\":\"4d0032\"}",
                json(supported.merge(media)));
        assertEquals("{\"a\":9,\"b\":2}", json(ParameterMap.of("a", 1, "b", 2).with("a", 9)));
        assertEquals("{\"b\":2}", json(ParameterMap.of("a", 1, "b", 2).without("a")));
    }

    @Test
    void parameterMapNumbersFollowJavaScriptIdentity() {
        assertEquals(ParameterMap.of("apt", 101), ParameterMap.of("apt", 101.0));
        assertEquals(ParameterMap.of("apt", 101), ParameterMap.of("apt", 101L));
        assertEquals(ParameterMap.of("x", 5), ParameterMap.copyOf(Map.of("x", (short) 5)));
        assertEquals(Integer.class, ParameterMap.of("apt", 101.0).get("apt").getClass());
        assertEquals("{\"apt\":\"101\"}", json(ParameterMap.of("apt", "101")));
        assertThrows(IllegalArgumentException.class, () -> ParameterMap.of("x", true));
        assertThrows(IllegalArgumentException.class, () -> ParameterMap.of("x", Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> ParameterMap.of("x"));
        assertThrows(UnsupportedOperationException.class, () -> ParameterMap.of("x", 1).asMap().remove("x"));
    }

    @Test
    void parameterMapBindsFromJsonObjects() throws Exception {
        assertEquals(ParameterMap.of("minptime", 10, "foo", 222.222, "bar", "333"),
                read("{minptime: 10, foo: 222.222, bar: '333'}", ParameterMap.class));
    }

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource({
        "0, 0",
        "-0.0, 0",
        "1.0, 1",
        "1.5, 1.5",
        "-2.5, -2.5",
        "222.222, 222.222",
        "29.97, 29.97",
        "0.1, 0.1",
        "0.000001, 0.000001",
        "0.0000001, 1e-7",
        "1.5e-10, 1.5e-10",
        "123456789012.5, 123456789012.5",
        "1e21, 1e+21",
        "1.2345678901234568e29, 1.2345678901234568e+29",
        "100000000000000000000, 100000000000000000000",
    })
    void numbersPrintLikeJavaScript(double value, String expected) {
        assertEquals(expected, JsNumber.format(value));
    }

    @Test
    void decimalEncodingMembersPrintLikeJavaScript() {
        assertEquals("{\"scaleResolutionDownBy\":4,\"maxFramerate\":29.97}", json(
                RtpEncodingParameters.builder().scaleResolutionDownBy(4.0).maxFramerate(29.97).build()));
    }
}
