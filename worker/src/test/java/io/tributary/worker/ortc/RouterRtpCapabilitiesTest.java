package io.tributary.worker.ortc;

import static io.tributary.worker.ortc.Json.assertError;
import static io.tributary.worker.ortc.Json.assertJson;
import static io.tributary.worker.ortc.Json.js;
import static io.tributary.worker.ortc.Json.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tributary.worker.errors.MediasoupError;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.errors.UnsupportedError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouterRtpCapabilitiesTest {

    static RtpCapabilities demoRouterCaps() {
        return Ortc.generateRouterRtpCapabilities(Json.resource("demo-media-codecs.json"));
    }

    @Test
    void demoConfigGivesTheExpectedRouterCapabilitiesByteForByte() {
        RtpCapabilities caps = demoRouterCaps();

        assertEquals(json(Json.resource("demo-router-rtp-capabilities.json")), json(caps));
        assertEquals(
                List.of(100, 101, 102, 103, 104, 105, 106, 107, 108),
                caps.codecs().stream().map(RtpCodecCapability::preferredPayloadType).toList());
        assertEquals("video/H264", caps.codecs().get(5).mimeType());
        assertEquals(
                "{\"level-asymmetry-allowed\":1,\"packetization-mode\":1,\"profile-level-id\":\"4d0032\","
                        + "\"x-google-start-bitrate\":1000}",
                json(caps.codecs().get(5).parameters()));
        assertEquals(Ortc.getSupportedRtpCapabilities().headerExtensions(), caps.headerExtensions());
    }

    @Test
    void recordVariantEqualsJsonVariant() throws Exception {
        List<RtpCodecCapability> mediaCodecs = List.of(
                Json.MAPPER.treeToValue(Json.resource("demo-media-codecs.json"), RtpCodecCapability[].class));

        assertEquals(demoRouterCaps(), Ortc.generateRouterRtpCapabilities(mediaCodecs));
    }

    @Test
    void testOrtcGenerateRouterRtpCapabilities() {
        RtpCapabilities caps = Ortc.generateRouterRtpCapabilities(js("""
                [
                  {kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2,
                   parameters: {useinbandfec: 1, foo: 'bar'}},
                  {kind: 'video', mimeType: 'video/VP8', preferredPayloadType: 125, clockRate: 90000},
                  {kind: 'video', mimeType: 'video/H264', clockRate: 90000,
                   parameters: {'level-asymmetry-allowed': 1, 'profile-level-id': '42e01f', foo: 'bar'},
                   rtcpFeedback: []},
                ]"""));

        assertEquals(5, caps.codecs().size());
        assertJson("""
                {kind: 'audio', mimeType: 'audio/opus', preferredPayloadType: 100, clockRate: 48000, channels: 2,
                 parameters: {useinbandfec: 1, foo: 'bar'},
                 rtcpFeedback: [{type: 'nack', parameter: ''}, {type: 'transport-cc', parameter: ''}]}""",
                caps.codecs().get(0));
        assertJson("""
                {kind: 'video', mimeType: 'video/VP8', preferredPayloadType: 125, clockRate: 90000, parameters: {},
                 rtcpFeedback: [{type: 'nack', parameter: ''}, {type: 'nack', parameter: 'pli'},
                   {type: 'ccm', parameter: 'fir'}, {type: 'goog-remb', parameter: ''},
                   {type: 'transport-cc', parameter: ''}]}""",
                caps.codecs().get(1));
        assertJson("""
                {kind: 'video', mimeType: 'video/rtx', preferredPayloadType: 101, clockRate: 90000,
                 parameters: {apt: 125}, rtcpFeedback: []}""",
                caps.codecs().get(2));
        assertJson("""
                {kind: 'video', mimeType: 'video/H264', preferredPayloadType: 102, clockRate: 90000,
                 parameters: {'level-asymmetry-allowed': 1, 'profile-level-id': '42e01f', foo: 'bar'},
                 rtcpFeedback: [{type: 'nack', parameter: ''}, {type: 'nack', parameter: 'pli'},
                   {type: 'ccm', parameter: 'fir'}, {type: 'goog-remb', parameter: ''},
                   {type: 'transport-cc', parameter: ''}]}""",
                caps.codecs().get(3));
        assertJson("""
                {kind: 'video', mimeType: 'video/rtx', preferredPayloadType: 103, clockRate: 90000,
                 parameters: {apt: 102}, rtcpFeedback: []}""",
                caps.codecs().get(4));
    }

    @Test
    void unsupportedCodecsThrowUnsupportedError() {
        assertError(UnsupportedError.class, "media codec not supported [mimeType:audio/chicken]", () ->
                Ortc.generateRouterRtpCapabilities(
                        js("[{kind: 'audio', mimeType: 'audio/chicken', clockRate: 8000, channels: 4}]")));
        assertError(UnsupportedError.class, "media codec not supported [mimeType:audio/opus]", () ->
                Ortc.generateRouterRtpCapabilities(
                        js("[{kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 1}]")));
        assertError(UnsupportedError.class, "media codec not supported [mimeType:audio/opus]", () ->
                Ortc.generateRouterRtpCapabilities(js("[{kind: 'audio', mimeType: 'audio/opus', clockRate: 48000}]")));
        assertError(UnsupportedError.class, "media codec not supported [mimeType:video/VP8]", () ->
                Ortc.generateRouterRtpCapabilities(js("[{kind: 'video', mimeType: 'video/VP8', clockRate: 8000}]")));
    }

    @Test
    void tooManyCodecsCannotAllocatePayloadTypes() {
        ArrayNode codecs = Json.MAPPER.createArrayNode();
        for (int i = 0; i < 100; i++) {
            codecs.add(js("{kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2}"));
        }

        MediasoupError error = assertError(MediasoupError.class,
                "cannot allocate more dynamic codec payload types", () -> Ortc.generateRouterRtpCapabilities(codecs));
        assertEquals("Error", error.kind());
    }

    @Test
    void thirtyTwoDynamicPayloadTypesEndWith96To99() {
        ArrayNode codecs = Json.MAPPER.createArrayNode();
        for (int i = 0; i < 32; i++) {
            codecs.add(js("{mimeType: 'audio/opus', clockRate: 48000, channels: 2}"));
        }

        List<Integer> pts = Ortc.generateRouterRtpCapabilities(codecs).codecs().stream()
                .map(RtpCodecCapability::preferredPayloadType)
                .toList();

        assertEquals(List.of(125, 126, 127, 96, 97, 98, 99), pts.subList(25, 32));
    }

    @Test
    void rtxNeedsAPayloadTypeToo() {
        ArrayNode codecs = Json.MAPPER.createArrayNode();
        for (int i = 0; i < 31; i++) {
            codecs.add(js("{mimeType: 'audio/opus', clockRate: 48000, channels: 2}"));
        }
        codecs.add(js("{mimeType: 'video/VP8', clockRate: 90000}"));

        assertError(MediasoupError.class, "cannot allocate more dynamic codec payload types",
                () -> Ortc.generateRouterRtpCapabilities(codecs));
    }

    @Test
    void forcedPayloadTypeLeavesThePoolAndDuplicatesAreRejected() {
        RtpCapabilities caps = Ortc.generateRouterRtpCapabilities(js("""
                [{mimeType: 'audio/opus', clockRate: 48000, channels: 2, preferredPayloadType: 101},
                 {mimeType: 'video/VP8', clockRate: 90000}]"""));
        assertEquals(List.of(101, 100, 102), caps.codecs().stream().map(RtpCodecCapability::preferredPayloadType).toList());

        assertError(TypeError.class, "duplicated codec.preferredPayloadType", () -> Ortc.generateRouterRtpCapabilities(js("""
                [{mimeType: 'video/VP8', clockRate: 90000},
                 {mimeType: 'audio/opus', clockRate: 48000, channels: 2, preferredPayloadType: 101}]""")));
        assertError(TypeError.class, "duplicated codec.preferredPayloadType", () -> Ortc.generateRouterRtpCapabilities(js("""
                [{mimeType: 'audio/PCMU', clockRate: 8000}, {mimeType: 'audio/PCMU', clockRate: 8000}]""")));
    }

    @Test
    void staticPayloadTypesComeFromTheSupportedList() {
        RtpCapabilities caps = Ortc.generateRouterRtpCapabilities(js("""
                [{mimeType: 'audio/PCMA', clockRate: 8000}, {mimeType: 'audio/G722', clockRate: 8000},
                 {mimeType: 'audio/CN', clockRate: 16000}, {mimeType: 'audio/telephone-event', clockRate: 8000}]"""));

        assertJson("""
                [{kind: 'audio', mimeType: 'audio/PCMA', preferredPayloadType: 8, clockRate: 8000, channels: 1,
                  parameters: {}, rtcpFeedback: [{type: 'transport-cc', parameter: ''}]},
                 {kind: 'audio', mimeType: 'audio/G722', preferredPayloadType: 9, clockRate: 8000, channels: 1,
                  parameters: {}, rtcpFeedback: [{type: 'transport-cc', parameter: ''}]},
                 {kind: 'audio', mimeType: 'audio/CN', preferredPayloadType: 13, clockRate: 16000, channels: 1,
                  parameters: {}, rtcpFeedback: []},
                 {kind: 'audio', mimeType: 'audio/telephone-event', preferredPayloadType: 100, clockRate: 8000,
                  channels: 1, parameters: {}, rtcpFeedback: []}]""",
                caps.codecs());
    }

    @Test
    void mediaCodecFeedbackIsIgnoredAndParametersMergeOverSupportedOnes() {
        RtpCapabilities caps = Ortc.generateRouterRtpCapabilities(js("""
                [{mimeType: 'VIDEO/h264', clockRate: 90000, rtcpFeedback: [{type: 'foo'}],
                  parameters: {'level-asymmetry-allowed': 0, 'packetization-mode': 1}}]"""));

        RtpCodecCapability h264 = caps.codecs().get(0);
        assertEquals("video/H264", h264.mimeType());
        assertEquals(MediaKind.VIDEO, h264.kind());
        assertEquals("{\"level-asymmetry-allowed\":0,\"packetization-mode\":1}", json(h264.parameters()));
        assertEquals(5, h264.rtcpFeedback().size());
    }

    @Test
    void h264ProfileAndVp9ProfileAreNotCheckedAtRouterCreation() {
        RtpCapabilities caps = Ortc.generateRouterRtpCapabilities(js("""
                [{mimeType: 'video/H264', clockRate: 90000, parameters: {'profile-level-id': 'CHICKEN'}},
                 {mimeType: 'video/VP9', clockRate: 90000, parameters: {'profile-id': 7}}]"""));

        assertEquals(4, caps.codecs().size());
    }

    @Test
    void multiopusMatchesOnChannelsAndStreamLayout() {
        RtpCapabilities caps = Ortc.generateRouterRtpCapabilities(js("""
                [{kind: 'audio', mimeType: 'audio/multiopus', preferredPayloadType: 100, clockRate: 48000, channels: 6,
                  parameters: {useinbandfec: 1, channel_mapping: '0,4,1,2,3,5', num_streams: 4, coupled_streams: 2}}]"""));
        assertEquals(
                "{\"channel_mapping\":\"0,4,1,2,3,5\",\"num_streams\":4,\"coupled_streams\":2,\"useinbandfec\":1}",
                json(caps.codecs().get(0).parameters()));

        assertError(UnsupportedError.class, "media codec not supported [mimeType:audio/multiopus]", () ->
                Ortc.generateRouterRtpCapabilities(js("""
                        [{mimeType: 'audio/multiopus', clockRate: 48000, channels: 6,
                          parameters: {num_streams: '4', coupled_streams: 2}}]""")));
        assertError(UnsupportedError.class, "media codec not supported [mimeType:audio/multiopus]", () ->
                Ortc.generateRouterRtpCapabilities(js("""
                        [{mimeType: 'audio/multiopus', clockRate: 48000, channels: 6,
                          parameters: {num_streams: 4, coupled_streams: 3}}]""")));
    }

    @Test
    void mediaCodecsMustBeAnArray() {
        assertError(TypeError.class, "mediaCodecs must be an Array", () -> Ortc.generateRouterRtpCapabilities(js("{}")));
        assertError(TypeError.class, "mediaCodecs must be an Array", () -> Ortc.generateRouterRtpCapabilities(js("null")));
        assertError(TypeError.class, "mediaCodecs must be an Array", () -> Ortc.generateRouterRtpCapabilities(js("'x'")));
    }

    @Test
    void noMediaCodecsGivesNoCodecsButAllExtensions() {
        RtpCapabilities fromNull = Ortc.generateRouterRtpCapabilities((com.fasterxml.jackson.databind.JsonNode) null);
        RtpCapabilities fromEmpty = Ortc.generateRouterRtpCapabilities(new ArrayList<RtpCodecCapability>());

        assertEquals(fromNull, fromEmpty);
        assertTrue(fromNull.codecs().isEmpty());
        assertEquals(17, fromNull.headerExtensions().size());
    }

    @Test
    void mediaCodecsAreValidatedInOrder() {
        assertError(TypeError.class, "missing codec.clockRate", () ->
                Ortc.generateRouterRtpCapabilities(js("[{mimeType: 'audio/opus'}]")));
        assertError(UnsupportedError.class, "media codec not supported [mimeType:audio/foo]", () ->
                Ortc.generateRouterRtpCapabilities(js("[{mimeType: 'audio/foo', clockRate: 1}, {mimeType: 'x'}]")));
        assertError(TypeError.class, "invalid codec.mimeType", () ->
                Ortc.generateRouterRtpCapabilities(js("[{mimeType: 'audio/opus', clockRate: 48000, channels: 2},"
                        + " {mimeType: 'x'}]")));
        assertError(TypeError.class, "invalid codec apt parameter", () -> Ortc.generateRouterRtpCapabilities(
                js("[{mimeType: 'video/VP8', clockRate: 90000, parameters: {apt: '96'}}]")));
    }
}
