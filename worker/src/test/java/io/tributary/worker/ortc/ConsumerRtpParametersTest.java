package io.tributary.worker.ortc;

import static io.tributary.worker.ortc.Json.assertError;
import static io.tributary.worker.ortc.Json.assertJson;
import static io.tributary.worker.ortc.Json.js;
import static io.tributary.worker.ortc.ProducerMappingTest.TEST_ORTC_PRODUCER;
import static io.tributary.worker.ortc.ProducerMappingTest.TEST_ORTC_ROUTER;
import static io.tributary.worker.ortc.ProducerMappingTest.TEST_PRODUCER_ROUTER;
import static io.tributary.worker.ortc.ProducerMappingTest.counting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.worker.errors.TypeError;
import io.tributary.worker.errors.UnsupportedError;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsumerRtpParametersTest {

    /** test-ortc's remote capabilities: H264 with [nack, nack pli, foo FOO] and mid/rid/11/12 extensions. */
    private static final RtpCapabilities TEST_ORTC_REMOTE = Ortc.validateRtpCapabilities(js("""
            {codecs: [
               {kind: 'audio', mimeType: 'audio/opus', preferredPayloadType: 100, clockRate: 48000, channels: 2,
                parameters: {}, rtcpFeedback: []},
               {kind: 'video', mimeType: 'video/H264', preferredPayloadType: 101, clockRate: 90000,
                parameters: {'packetization-mode': 1, 'profile-level-id': '4d0032', baz: 'LOLOLO'},
                rtcpFeedback: [{type: 'nack', parameter: ''}, {type: 'nack', parameter: 'pli'},
                               {type: 'foo', parameter: 'FOO'}]},
               {kind: 'video', mimeType: 'video/rtx', preferredPayloadType: 102, clockRate: 90000,
                parameters: {apt: 101}, rtcpFeedback: []}],
             headerExtensions: [
               {kind: 'audio', uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', preferredId: 1, preferredEncrypt: false,
                direction: 'sendrecv'},
               {kind: 'video', uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', preferredId: 1, preferredEncrypt: false,
                direction: 'sendrecv'},
               {kind: 'video', uri: 'urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id', preferredId: 2,
                preferredEncrypt: false, direction: 'sendrecv'},
               {kind: 'audio', uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level', preferredId: 8,
                preferredEncrypt: false, direction: 'sendrecv'},
               {kind: 'video', uri: 'urn:3gpp:video-orientation', preferredId: 11, preferredEncrypt: false,
                direction: 'sendrecv'},
               {kind: 'video', uri: 'urn:ietf:params:rtp-hdrext:toffset', preferredId: 12, preferredEncrypt: false,
                direction: 'sendrecv'}]}"""));

    /** test-Consumer's device capabilities: no transport-cc extension, so REMB is kept. */
    private static final RtpCapabilities CONSUMER_DEVICE = Ortc.validateRtpCapabilities(js("""
            {codecs: [
               {mimeType: 'audio/opus', kind: 'audio', preferredPayloadType: 100, clockRate: 48000, channels: 2,
                rtcpFeedback: [{type: 'nack', parameter: ''}]},
               {mimeType: 'video/H264', kind: 'video', preferredPayloadType: 101, clockRate: 90000,
                parameters: {'level-asymmetry-allowed': 1, 'packetization-mode': 1, 'profile-level-id': '4d0032'},
                rtcpFeedback: [{type: 'nack', parameter: ''}, {type: 'nack', parameter: 'pli'},
                               {type: 'ccm', parameter: 'fir'}, {type: 'goog-remb', parameter: ''}]},
               {mimeType: 'video/rtx', kind: 'video', preferredPayloadType: 102, clockRate: 90000,
                parameters: {apt: 101}, rtcpFeedback: []}],
             headerExtensions: [
               {kind: 'audio', uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', preferredId: 1, preferredEncrypt: false},
               {kind: 'video', uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', preferredId: 1, preferredEncrypt: false},
               {kind: 'video', uri: 'urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id', preferredId: 2,
                preferredEncrypt: false},
               {kind: 'audio', uri: 'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time', preferredId: 4,
                preferredEncrypt: false},
               {kind: 'video', uri: 'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time', preferredId: 4,
                preferredEncrypt: false},
               {kind: 'audio', uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level', preferredId: 10,
                preferredEncrypt: false},
               {kind: 'video', uri: 'urn:3gpp:video-orientation', preferredId: 11, preferredEncrypt: false},
               {kind: 'video', uri: 'urn:ietf:params:rtp-hdrext:toffset', preferredId: 12, preferredEncrypt: false}]}"""));

    private static RtpParameters testOrtcConsumable() {
        ProducerRtpMapping mapped =
                Ortc.getProducerRtpParametersMapping(TEST_ORTC_PRODUCER, TEST_ORTC_ROUTER, counting(300000000L));
        return Ortc.getConsumableRtpParameters(
                MediaKind.VIDEO, mapped.rtpParameters(), TEST_ORTC_ROUTER, mapped.rtpMapping());
    }

    private static RtpParameters consumable(RtpCapabilities router, MediaKind kind, String producerParams) {
        RtpParameters params = Ortc.validateRtpParameters(js(producerParams));
        ProducerRtpMapping mapped = Ortc.getProducerRtpParametersMapping(params, router);
        return Ortc.getConsumableRtpParameters(kind, mapped.rtpParameters(), router, mapped.rtpMapping());
    }

    /** test-Consumer's audio producer (opus 111 with mixed-type parameters). */
    private static RtpParameters audioConsumable() {
        return consumable(TEST_PRODUCER_ROUTER, MediaKind.AUDIO, """
                {mid: 'AUDIO', codecs: [{mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2,
                   parameters: {useinbandfec: 1, usedtx: 1, foo: 222.222, bar: '333'}}],
                 headerExtensions: [{uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 10},
                                    {uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level', id: 12}],
                 encodings: [{ssrc: 11111111}], rtcp: {cname: 'FOOBAR'}}""");
    }

    /** test-Consumer's video producer: h264 112 + rtx 113, four L1T5 ssrc encodings. */
    private static RtpParameters videoConsumable() {
        return consumable(TEST_PRODUCER_ROUTER, MediaKind.VIDEO, """
                {mid: 'VIDEO', codecs: [
                   {mimeType: 'video/h264', payloadType: 112, clockRate: 90000,
                    parameters: {'packetization-mode': 1, 'profile-level-id': '4d0032'},
                    rtcpFeedback: [{type: 'nack', parameter: ''}, {type: 'nack', parameter: 'pli'},
                                   {type: 'goog-remb', parameter: ''}]},
                   {mimeType: 'video/rtx', payloadType: 113, clockRate: 90000, parameters: {apt: 112}}],
                 headerExtensions: [{uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 10},
                                    {uri: 'urn:3gpp:video-orientation', id: 13}],
                 encodings: [
                   {ssrc: 22222222, scalabilityMode: 'L1T5', rtx: {ssrc: 22222223}},
                   {ssrc: 22222224, scalabilityMode: 'L1T5', rtx: {ssrc: 22222225}},
                   {ssrc: 22222226, scalabilityMode: 'L1T5', rtx: {ssrc: 22222227}},
                   {ssrc: 22222228, scalabilityMode: 'L1T5', rtx: {ssrc: 22222229}}],
                 rtcp: {cname: 'FOOBAR'}}""");
    }

    @Test
    void testOrtcConsumerParameters() {
        RtpParameters consumer = Ortc.getConsumerRtpParameters(
                testOrtcConsumable(), TEST_ORTC_REMOTE, false, true, () -> 444444444L);

        assertJson("""
                [{mimeType: 'video/H264', payloadType: 101, clockRate: 90000,
                  parameters: {foo: 1234, 'packetization-mode': 1, 'profile-level-id': '4d0032'},
                  rtcpFeedback: [{type: 'nack', parameter: ''}, {type: 'nack', parameter: 'pli'},
                                 {type: 'foo', parameter: 'FOO'}]},
                 {mimeType: 'video/rtx', payloadType: 102, clockRate: 90000, parameters: {apt: 101},
                  rtcpFeedback: []}]""", consumer.codecs());
        assertJson("[{ssrc: 444444444, rtx: {ssrc: 444444445}, scalabilityMode: 'L3T3', maxBitrate: 333333}]",
                consumer.encodings());
        assertJson("""
                [{uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 1, encrypt: false, parameters: {}},
                 {uri: 'urn:3gpp:video-orientation', id: 11, encrypt: false, parameters: {}},
                 {uri: 'urn:ietf:params:rtp-hdrext:toffset', id: 12, encrypt: false, parameters: {}}]""",
                consumer.headerExtensions());
        assertJson("{cname: 'qwerty1234', reducedSize: true}", consumer.rtcp());
        assertNull(consumer.mid());
    }

    @Test
    void defaultConsumerSsrcIsRandomWithRtxRightAfter() {
        RtpEncodingParameters encoding =
                Ortc.getConsumerRtpParameters(testOrtcConsumable(), TEST_ORTC_REMOTE, false, true).encodings().get(0);

        assertTrue(encoding.ssrc() >= 100_000_000L && encoding.ssrc() < 999_999_999L);
        assertEquals(encoding.ssrc() + 1, encoding.rtx().ssrc());
    }

    @Test
    void testOrtcPipeConsumerParameters() {
        RtpParameters pipe = Ortc.getPipeConsumerRtpParameters(testOrtcConsumable(), false, counting(600000000L));

        assertJson("""
                [{mimeType: 'video/H264', payloadType: 101, clockRate: 90000,
                  parameters: {foo: 1234, 'packetization-mode': 1, 'profile-level-id': '4d0032'},
                  rtcpFeedback: [{type: 'nack', parameter: 'pli'}, {type: 'ccm', parameter: 'fir'}]}]""",
                pipe.codecs());
        assertJson("""
                [{ssrc: 600000000, dtx: false, scalabilityMode: 'L1T3', maxBitrate: 111111},
                 {ssrc: 600000001, dtx: false, scalabilityMode: 'L1T3', maxBitrate: 222222},
                 {ssrc: 600000002, dtx: false, scalabilityMode: 'L1T3', maxBitrate: 333333}]""", pipe.encodings());
        assertJson("{cname: 'qwerty1234', reducedSize: true}", pipe.rtcp());
        assertEquals(List.of(6, 7, 11, 12, 13, 14),
                pipe.headerExtensions().stream().map(RtpHeaderExtensionParameters::id).toList());
    }

    @Test
    void pipeConsumersKeepAllEncodingsAndDropTransportExtensions() {
        RtpParameters video = Ortc.getPipeConsumerRtpParameters(videoConsumable(), false);
        assertEquals(List.of(6, 7, 11, 12, 13, 14),
                video.headerExtensions().stream().map(RtpHeaderExtensionParameters::id).toList());
        assertJson("[{type: 'nack', parameter: 'pli'}, {type: 'ccm', parameter: 'fir'}]",
                video.codecs().get(0).rtcpFeedback());
        assertEquals(4, video.encodings().size());
        long base = video.encodings().get(0).ssrc();
        assertEquals(List.of(base, base + 1, base + 2, base + 3),
                video.encodings().stream().map(RtpEncodingParameters::ssrc).toList());
        assertTrue(video.encodings().stream().allMatch(e -> e.rtx() == null));

        RtpParameters audio = Ortc.getPipeConsumerRtpParameters(audioConsumable(), false);
        assertEquals(List.of(10, 13, 14), audio.headerExtensions().stream().map(RtpHeaderExtensionParameters::id).toList());
        assertJson("[]", audio.codecs().get(0).rtcpFeedback());
    }

    @Test
    void pipeConsumerWithRtxKeepsNackAndRtxStreams() {
        RtpParameters pipe = Ortc.getPipeConsumerRtpParameters(videoConsumable(), true, counting(100000000L));

        assertJson("""
                [{mimeType: 'video/H264', payloadType: 103, clockRate: 90000,
                  parameters: {'packetization-mode': 1, 'profile-level-id': '4d0032'},
                  rtcpFeedback: [{type: 'nack', parameter: ''}, {type: 'nack', parameter: 'pli'},
                                 {type: 'ccm', parameter: 'fir'}]},
                 {mimeType: 'video/rtx', payloadType: 104, clockRate: 90000, parameters: {apt: 103},
                  rtcpFeedback: []}]""", pipe.codecs());
        assertJson("""
                [{ssrc: 100000000, rtx: {ssrc: 100000001}, dtx: false, scalabilityMode: 'L1T5'},
                 {ssrc: 100000001, rtx: {ssrc: 100000002}, dtx: false, scalabilityMode: 'L1T5'},
                 {ssrc: 100000002, rtx: {ssrc: 100000003}, dtx: false, scalabilityMode: 'L1T5'},
                 {ssrc: 100000003, rtx: {ssrc: 100000004}, dtx: false, scalabilityMode: 'L1T5'}]""",
                pipe.encodings());
    }

    @Test
    void testConsumerAudioConsumer() {
        RtpParameters consumable = audioConsumable();
        assertTrue(Ortc.canConsume(consumable, CONSUMER_DEVICE));

        RtpParameters consumer = Ortc.getConsumerRtpParameters(consumable, CONSUMER_DEVICE, false, false);

        assertEquals(1, consumer.codecs().size());
        assertJson("""
                {mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2,
                 parameters: {useinbandfec: 1, usedtx: 1, foo: 222.222, bar: '333'}, rtcpFeedback: []}""",
                consumer.codecs().get(0));
        assertEquals("{\"useinbandfec\":1,\"usedtx\":1,\"foo\":222.222,\"bar\":\"333\"}",
                Json.json(consumer.codecs().get(0).parameters()));
        assertNull(consumer.encodings().get(0).rtx());
        assertJson("{cname: 'FOOBAR', reducedSize: true}", consumer.rtcp());
    }

    @Test
    void audioConsumerWithRtxEnabledKeepsNack() {
        RtpParameters consumer = Ortc.getConsumerRtpParameters(audioConsumable(), CONSUMER_DEVICE, false, true);

        assertJson("[{type: 'nack', parameter: ''}]", consumer.codecs().get(0).rtcpFeedback());
    }

    @Test
    void testConsumerSimulcastVideoConsumer() {
        RtpParameters consumable = videoConsumable();
        assertTrue(Ortc.canConsume(consumable, CONSUMER_DEVICE));

        RtpParameters consumer = Ortc.getConsumerRtpParameters(consumable, CONSUMER_DEVICE, false, true);

        assertJson("""
                [{mimeType: 'video/H264', payloadType: 103, clockRate: 90000,
                  parameters: {'packetization-mode': 1, 'profile-level-id': '4d0032'},
                  rtcpFeedback: [{type: 'nack', parameter: ''}, {type: 'nack', parameter: 'pli'},
                                 {type: 'ccm', parameter: 'fir'}, {type: 'goog-remb', parameter: ''}]},
                 {mimeType: 'video/rtx', payloadType: 104, clockRate: 90000, parameters: {apt: 103},
                  rtcpFeedback: []}]""", consumer.codecs());
        assertEquals(1, consumer.encodings().size());
        assertEquals("L4T5", consumer.encodings().get(0).scalabilityMode());
        assertNull(consumer.encodings().get(0).maxBitrate());
        assertEquals(List.of(1, 4, 11, 12),
                consumer.headerExtensions().stream().map(RtpHeaderExtensionParameters::id).toList());
    }

    @Test
    void pipeFlagOnARegularConsumerKeepsEveryEncodingAndRemoteFeedback() {
        RtpParameters consumer = Ortc.getConsumerRtpParameters(videoConsumable(), CONSUMER_DEVICE, true, true,
                counting(200000000L));

        assertJson("[{type: 'nack', parameter: ''}, {type: 'nack', parameter: 'pli'}, {type: 'ccm', parameter: 'fir'},"
                + " {type: 'goog-remb', parameter: ''}]", consumer.codecs().get(0).rtcpFeedback());
        assertEquals(List.of(200000000L, 200000001L, 200000002L, 200000003L),
                consumer.encodings().stream().map(RtpEncodingParameters::ssrc).toList());
        assertEquals(List.of(200000001L, 200000002L, 200000003L, 200000004L),
                consumer.encodings().stream().map(e -> e.rtx().ssrc()).toList());
        assertTrue(consumer.encodings().stream().allMatch(e -> "L1T5".equals(e.scalabilityMode())));
    }

    @Test
    void incompatibleCapabilitiesCannotConsume() {
        RtpCapabilities isacOnly = Ortc.validateRtpCapabilities(js(
                "{codecs: [{kind: 'audio', mimeType: 'audio/ISAC', preferredPayloadType: 100, clockRate: 32000}]}"));
        RtpCapabilities empty = Ortc.validateRtpCapabilities(js("{}"));

        for (RtpCapabilities caps : List.of(isacOnly, empty)) {
            assertFalse(Ortc.canConsume(audioConsumable(), caps));
            assertError(UnsupportedError.class, "no compatible media codecs",
                    () -> Ortc.getConsumerRtpParameters(audioConsumable(), caps, false, false));
        }
    }

    @Test
    void rtxAloneIsNotConsumable() {
        RtpCapabilities rtxOnly = Ortc.validateRtpCapabilities(js(
                "{codecs: [{mimeType: 'video/rtx', preferredPayloadType: 102, clockRate: 90000, parameters: {apt: 101}}]}"));

        assertFalse(Ortc.canConsume(videoConsumable(), rtxOnly));
        assertError(UnsupportedError.class, "no compatible media codecs",
                () -> Ortc.getConsumerRtpParameters(videoConsumable(), rtxOnly, false, true));
    }

    @Test
    void rtxIsDroppedWhenDisabledOrWhenItsMediaCodecIsNotConsumed() {
        RtpParameters withoutRtx = Ortc.getConsumerRtpParameters(videoConsumable(), CONSUMER_DEVICE, false, false);
        assertEquals(1, withoutRtx.codecs().size());
        assertNull(withoutRtx.encodings().get(0).rtx());
        assertJson("[{type: 'nack', parameter: 'pli'}, {type: 'ccm', parameter: 'fir'}, {type: 'goog-remb', parameter: ''}]",
                withoutRtx.codecs().get(0).rtcpFeedback());
    }

    @Test
    void invalidCapabilitiesThrowTypeErrorInCanConsume() {
        RtpCapabilities bad = new RtpCapabilities(List.of(new RtpCodecCapability(
                MediaKind.AUDIO, "opus", 100, 48000, 2, ParameterMap.EMPTY, List.of())), null);

        assertError(TypeError.class, "invalid codec.mimeType", () -> Ortc.canConsume(audioConsumable(), bad));
    }

    @Test
    void multiopusCapsWithOtherChannelsCannotConsume() {
        RtpCapabilities router = Ortc.generateRouterRtpCapabilities(js("""
                [{kind: 'audio', mimeType: 'audio/multiopus', preferredPayloadType: 100, clockRate: 48000, channels: 6,
                  parameters: {useinbandfec: 1, channel_mapping: '0,4,1,2,3,5', num_streams: 4,
                               coupled_streams: 2}}]"""));
        RtpParameters multiopus = consumable(router, MediaKind.AUDIO, """
                {codecs: [{mimeType: 'audio/multiopus', payloadType: 0, clockRate: 48000, channels: 6,
                  parameters: {useinbandfec: 1, channel_mapping: '0,4,1,2,3,5', num_streams: 4, coupled_streams: 2}}],
                 headerExtensions: [{uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 10}]}""");
        RtpCapabilities device = Ortc.validateRtpCapabilities(js("""
                {codecs: [{mimeType: 'audio/multiopus', kind: 'audio', preferredPayloadType: 100, clockRate: 48000,
                           channels: 6, parameters: {channel_mapping: '0,4,1,2,3,5', num_streams: 4,
                           coupled_streams: 2}}],
                 headerExtensions: [{kind: 'audio', uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', preferredId: 1}]}"""));

        assertTrue(Ortc.canConsume(multiopus, device));
        assertJson("""
                [{mimeType: 'audio/multiopus', payloadType: 100, clockRate: 48000, channels: 6,
                  parameters: {useinbandfec: 1, channel_mapping: '0,4,1,2,3,5', num_streams: 4, coupled_streams: 2},
                  rtcpFeedback: []}]""",
                Ortc.getConsumerRtpParameters(multiopus, device, false, false).codecs());

        RtpCapabilities eightChannels = Ortc.validateRtpCapabilities(js("""
                {codecs: [{mimeType: 'audio/multiopus', kind: 'audio', preferredPayloadType: 100, clockRate: 48000,
                           channels: 8, parameters: {channel_mapping: '0,4,1,2,3,5', num_streams: 4,
                           coupled_streams: 2}}]}"""));
        assertFalse(Ortc.canConsume(multiopus, eightChannels));
        assertError(UnsupportedError.class, "no compatible media codecs",
                () -> Ortc.getConsumerRtpParameters(multiopus, eightChannels, false, false));
    }

    @Test
    void bweFeedbackFollowsTheNegotiatedExtensions() {
        String twcc = "{kind: 'video', uri: 'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01',"
                + " preferredId: 5}";
        String absSendTime = "{kind: 'video', uri: 'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time',"
                + " preferredId: 4}";

        assertEquals(List.of("nack", "nack pli", "ccm fir", "transport-cc"), feedbackWith(twcc + "," + absSendTime));
        assertEquals(List.of("nack", "nack pli", "ccm fir", "goog-remb"), feedbackWith(absSendTime));
        assertEquals(List.of("nack", "nack pli", "ccm fir"), feedbackWith(""));
        assertEquals(List.of("nack", "nack pli", "ccm fir"),
                feedbackWith(twcc.replace("preferredId: 5", "preferredId: 15")));
    }

    private static List<String> feedbackWith(String extensions) {
        RtpCapabilities caps = Ortc.validateRtpCapabilities(js("""
                {codecs: [{mimeType: 'video/VP8', preferredPayloadType: 101, clockRate: 90000,
                           rtcpFeedback: [{type: 'nack'}, {type: 'nack', parameter: 'pli'}, {type: 'ccm', parameter: 'fir'},
                                          {type: 'goog-remb'}, {type: 'transport-cc'}]}],
                 headerExtensions: [%s]}""".formatted(extensions)));
        RtpParameters vp8 = consumable(TEST_PRODUCER_ROUTER, MediaKind.VIDEO,
                "{codecs: [{mimeType: 'video/VP8', payloadType: 96, clockRate: 90000}], encodings: [{ssrc: 5}]}");
        return Ortc.getConsumerRtpParameters(vp8, caps, false, true).codecs().get(0).rtcpFeedback().stream()
                .map(fb -> fb.parameter().isEmpty() ? fb.type() : fb.type() + " " + fb.parameter())
                .toList();
    }

    @Test
    void scalabilityModeAndMaxBitrateOfSingleEncodingConsumers() {
        RtpParameters svc = consumable(TEST_PRODUCER_ROUTER, MediaKind.VIDEO, """
                {codecs: [{mimeType: 'video/VP8', payloadType: 96, clockRate: 90000}],
                 encodings: [{ssrc: 5, scalabilityMode: 'L1T3', maxBitrate: 900000}]}""");
        RtpEncodingParameters single =
                Ortc.getConsumerRtpParameters(svc, CONSUMER_DEVICE_WITH_VP8, false, false).encodings().get(0);
        assertEquals("L1T3", single.scalabilityMode());
        assertEquals(900000L, single.maxBitrate());

        RtpParameters simulcastWithoutModes = consumable(TEST_PRODUCER_ROUTER, MediaKind.VIDEO, """
                {codecs: [{mimeType: 'video/VP8', payloadType: 96, clockRate: 90000}],
                 encodings: [{rid: 'r0', maxBitrate: 0}, {rid: 'r1', scalabilityMode: 'S3T2_KEY'}, {rid: 'r2'}]}""");
        RtpEncodingParameters layered =
                Ortc.getConsumerRtpParameters(simulcastWithoutModes, CONSUMER_DEVICE_WITH_VP8, false, false)
                        .encodings().get(0);
        assertEquals("L3T2", layered.scalabilityMode());
        assertNull(layered.maxBitrate());

        RtpParameters plain = consumable(TEST_PRODUCER_ROUTER, MediaKind.VIDEO,
                "{codecs: [{mimeType: 'video/VP8', payloadType: 96, clockRate: 90000}], encodings: [{ssrc: 9}]}");
        assertNull(Ortc.getConsumerRtpParameters(plain, CONSUMER_DEVICE_WITH_VP8, false, false)
                .encodings().get(0).scalabilityMode());
    }

    private static final RtpCapabilities CONSUMER_DEVICE_WITH_VP8 = Ortc.validateRtpCapabilities(js(
            "{codecs: [{mimeType: 'video/VP8', preferredPayloadType: 101, clockRate: 90000}]}"));

    @Test
    void consumerHeaderExtensionsNeedTheSameUriAndId() {
        RtpCapabilities caps = Ortc.validateRtpCapabilities(js("""
                {codecs: [{mimeType: 'video/VP8', preferredPayloadType: 101, clockRate: 90000}],
                 headerExtensions: [
                   {kind: 'video', uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', preferredId: 9},
                   {kind: 'audio', uri: 'urn:ietf:params:rtp-hdrext:toffset', preferredId: 12},
                   {kind: 'video', uri: 'urn:3gpp:video-orientation', preferredId: 11, direction: 'inactive'}]}"""));
        RtpParameters vp8 = consumable(TEST_PRODUCER_ROUTER, MediaKind.VIDEO,
                "{codecs: [{mimeType: 'video/VP8', payloadType: 96, clockRate: 90000}], encodings: [{ssrc: 5}]}");

        List<Integer> ids = Ortc.getConsumerRtpParameters(vp8, caps, false, false).headerExtensions().stream()
                .map(RtpHeaderExtensionParameters::id)
                .toList();

        // Kind and direction of the remote extension are not looked at, only uri and id.
        assertEquals(List.of(11, 12), ids);
    }
}
