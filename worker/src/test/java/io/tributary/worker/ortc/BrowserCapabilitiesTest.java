package io.tributary.worker.ortc;

import static io.tributary.worker.ortc.Json.assertError;
import static io.tributary.worker.ortc.Json.assertJson;
import static io.tributary.worker.ortc.Json.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.worker.errors.UnsupportedError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Capabilities as Chrome, Firefox and Safari report them through mediasoup-client: "native" is
 * the browser's own list (its PTs and ids), "device" is {@code device.rtpCapabilities} after
 * loading the demo router (router PTs and ids), which is what the demo's join sends.
 */
class BrowserCapabilitiesTest {

    private static final RtpCapabilities ROUTER = RouterRtpCapabilitiesTest.demoRouterCaps();

    private static final JsonNode PRODUCERS = Json.resource("browser-producer-rtp-parameters.json");

    private static RtpCapabilities caps(String name) {
        return Ortc.validateRtpCapabilities(Json.resource(name + "-rtp-capabilities.json"));
    }

    /** Produces on the demo router as a transport would: validate, map, derive consumable parameters. */
    private static RtpParameters consumable(String producer) {
        RtpParameters params = Ortc.validateRtpParameters(PRODUCERS.get(producer));
        ProducerRtpMapping mapped = Ortc.getProducerRtpParametersMapping(params, ROUTER);
        MediaKind kind = params.codecs().get(0).mimeType().startsWith("audio") ? MediaKind.AUDIO : MediaKind.VIDEO;
        return Ortc.getConsumableRtpParameters(kind, mapped.rtpParameters(), ROUTER, mapped.rtpMapping());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "chrome-native", "chrome-device", "firefox-native", "firefox-device", "safari-native", "safari-device"})
    void capabilitiesParseValidateAndReserializeWithoutLoss(String name) throws Exception {
        JsonNode raw = Json.resource(name + "-rtp-capabilities.json");

        RtpCapabilities validated = Ortc.validateRtpCapabilities(raw);

        assertEquals(raw, tree(validated));
        assertEquals(validated, Json.MAPPER.treeToValue(raw, RtpCapabilities.class));
        assertEquals(validated, Ortc.validateRtpCapabilities(validated));
    }

    @Test
    void browserProducersMapOntoTheDemoRouter() {
        Map<String, String> mappings = new LinkedHashMap<>();
        PRODUCERS.fieldNames().forEachRemaining(name -> mappings.put(name, Ortc.getProducerRtpParametersMapping(
                        Ortc.validateRtpParameters(PRODUCERS.get(name)), ROUTER)
                .rtpMapping().codecs().stream()
                .map(m -> m.payloadType() + ">" + m.mappedPayloadType())
                .collect(Collectors.joining(" "))));

        assertEquals(Map.of(
                "chrome-mic", "111>100",
                "chrome-webcam-vp8-simulcast", "96>101 97>102",
                "chrome-webcam-vp9-svc", "100>103 101>104",
                "chrome-share-h264-main", "127>105 125>106",
                "safari-webcam-h264-simulcast", "98>107 99>108",
                "firefox-webcam-vp8-simulcast", "120>101 124>102"), mappings);
    }

    @Test
    void simulcastEncodingsAreMappedByRid() {
        RtpMapping mapping = Ortc.getProducerRtpParametersMapping(
                Ortc.validateRtpParameters(PRODUCERS.get("chrome-webcam-vp8-simulcast")), ROUTER).rtpMapping();

        assertEquals(List.of("r0", "r1", "r2"), mapping.encodings().stream().map(RtpMapping.EncodingMapping::rid).toList());
        assertTrue(mapping.encodings().stream().allMatch(e -> e.ssrc() == null && "L1T3".equals(e.scalabilityMode())));
    }

    @Test
    void canConsumeMatrixAgainstDeviceAndNativeCapabilities() {
        Map<String, Set<String>> expected = Map.of(
                "chrome-mic", Set.of("chrome", "firefox", "safari"),
                "chrome-webcam-vp8-simulcast", Set.of("chrome", "firefox", "safari"),
                "chrome-webcam-vp9-svc", Set.of("chrome"),
                "chrome-share-h264-main", Set.of("chrome"),
                "safari-webcam-h264-simulcast", Set.of("chrome", "firefox", "safari"),
                "firefox-webcam-vp8-simulcast", Set.of("chrome", "firefox", "safari"));

        for (String variant : List.of("device", "native")) {
            Map<String, Set<String>> actual = new LinkedHashMap<>();
            PRODUCERS.fieldNames().forEachRemaining(producer -> actual.put(producer,
                    List.of("chrome", "firefox", "safari").stream()
                            .filter(browser -> Ortc.canConsume(consumable(producer), caps(browser + "-" + variant)))
                            .collect(Collectors.toSet())));
            assertEquals(expected, actual, variant);
        }
    }

    @Test
    void consumersOnlyUseRouterPayloadTypesAndExtensionIdsTheDeviceKnows() {
        for (String browser : List.of("chrome", "firefox", "safari")) {
            RtpCapabilities device = caps(browser + "-device");
            Set<Integer> devicePts = device.codecs().stream()
                    .map(RtpCodecCapability::preferredPayloadType)
                    .collect(Collectors.toSet());
            Set<String> deviceExts = device.headerExtensions().stream()
                    .map(e -> e.uri() + "#" + e.preferredId())
                    .collect(Collectors.toSet());
            PRODUCERS.fieldNames().forEachRemaining(producer -> {
                RtpParameters consumable = consumable(producer);
                if (!Ortc.canConsume(consumable, device)) {
                    return;
                }
                boolean video = consumable.codecs().get(0).mimeType().startsWith("video");
                RtpParameters consumer = Ortc.getConsumerRtpParameters(consumable, device, false, video);
                String context = browser + " consuming " + producer;
                assertTrue(consumer.codecs().stream().allMatch(c -> devicePts.contains(c.payloadType())), context);
                assertTrue(consumer.headerExtensions().stream()
                        .allMatch(e -> deviceExts.contains(e.uri() + "#" + e.id())), context);
                assertEquals(1, consumer.encodings().size(), context);
                assertNotNull(consumer.encodings().get(0).ssrc(), context);
                assertEquals(video, consumer.encodings().get(0).rtx() != null, context);
                assertNotNull(consumer.rtcp().cname(), context);
            });
        }
    }

    @Test
    void firefoxConsumingChromeVp8Simulcast() {
        RtpParameters consumer = Ortc.getConsumerRtpParameters(
                consumable("chrome-webcam-vp8-simulcast"), caps("firefox-device"), false, true, () -> 200000000L);

        assertJson("""
                {codecs: [
                   {mimeType: 'video/VP8', payloadType: 101, clockRate: 90000,
                    parameters: {'x-google-start-bitrate': 1000},
                    rtcpFeedback: [{type: 'nack', parameter: ''}, {type: 'nack', parameter: 'pli'},
                                   {type: 'ccm', parameter: 'fir'}, {type: 'transport-cc', parameter: ''}]},
                   {mimeType: 'video/rtx', payloadType: 102, clockRate: 90000, parameters: {apt: 101},
                    rtcpFeedback: []}],
                 headerExtensions: [
                   {uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 1, encrypt: false, parameters: {}},
                   {uri: 'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time', id: 4, encrypt: false,
                    parameters: {}},
                   {uri: 'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01', id: 5,
                    encrypt: false, parameters: {}},
                   {uri: 'urn:ietf:params:rtp-hdrext:toffset', id: 12, encrypt: false, parameters: {}},
                   {uri: 'http://www.webrtc.org/experiments/rtp-hdrext/playout-delay', id: 14, encrypt: false,
                    parameters: {}}],
                 encodings: [{ssrc: 200000000, rtx: {ssrc: 200000001}, scalabilityMode: 'L3T3', maxBitrate: 5000000}],
                 rtcp: {cname: 'Jf0lHcGvYo0u3Ubi', reducedSize: true}}""", consumer);
    }

    @Test
    void chromeConsumingChromeMicrophone() {
        RtpParameters consumer =
                Ortc.getConsumerRtpParameters(consumable("chrome-mic"), caps("chrome-device"), false, false);

        assertJson("""
                [{mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2,
                  parameters: {minptime: 10, useinbandfec: 1, 'sprop-stereo': 1, usedtx: 1}, rtcpFeedback: []}]""",
                consumer.codecs());
        // Remote extensions match on uri and id only, so video's playout-delay (14) admits audio's.
        assertEquals(List.of(1, 4, 10, 14),
                consumer.headerExtensions().stream().map(RtpHeaderExtensionParameters::id).toList());
        assertNull(consumer.encodings().get(0).rtx());
    }

    @Test
    void chromeConsumingVp9SvcKeepsTheKsvcModeOfTheSingleEncoding() {
        RtpParameters consumer = Ortc.getConsumerRtpParameters(
                consumable("chrome-webcam-vp9-svc"), caps("chrome-device"), false, true);

        assertEquals("L3T3_KEY", consumer.encodings().get(0).scalabilityMode());
        assertEquals(5000000L, consumer.encodings().get(0).maxBitrate());
        assertJson("[{type: 'transport-cc', parameter: ''}, {type: 'ccm', parameter: 'fir'},"
                + " {type: 'nack', parameter: ''}, {type: 'nack', parameter: 'pli'}]",
                consumer.codecs().get(0).rtcpFeedback());
        assertEquals(ParameterMap.of("profile-id", 2, "x-google-start-bitrate", 1000),
                consumer.codecs().get(0).parameters());
    }

    @Test
    void safariCannotConsumeH264MainProfile() {
        assertError(UnsupportedError.class, "no compatible media codecs", () -> Ortc.getConsumerRtpParameters(
                consumable("chrome-share-h264-main"), caps("safari-device"), false, true));
    }

    @Test
    void unknownEncodingMembersFromBrowsersAreIgnored() {
        RtpParameters params = Ortc.validateRtpParameters(PRODUCERS.get("firefox-webcam-vp8-simulcast"));

        assertJson("{rid: 'r0', dtx: false, scalabilityMode: 'L1T3', scaleResolutionDownBy: 4, maxBitrate: 500000}",
                params.encodings().get(0));
        assertJson("{cname: '{5b9e7c0a-3f1d-4c2e-9a6b-1d2e3f4a5b6c}', reducedSize: true, mux: true}", params.rtcp());
    }
}
