package io.tributary.worker.ortc;

import static io.tributary.worker.ortc.Json.assertError;
import static io.tributary.worker.ortc.Json.assertJson;
import static io.tributary.worker.ortc.Json.js;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.worker.errors.TypeError;
import io.tributary.worker.errors.UnsupportedError;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProducerMappingTest {

    /** Router of test-ortc's mapping test: opus 100, H264 101 + rtx 102. */
    static final RtpCapabilities TEST_ORTC_ROUTER = Ortc.generateRouterRtpCapabilities(js("""
            [{kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2},
             {kind: 'video', mimeType: 'video/H264', clockRate: 90000,
              parameters: {'level-asymmetry-allowed': 1, 'packetization-mode': 1, 'profile-level-id': '4d0032',
                           bar: 'lalala'}}]"""));

    /** Router of test-Producer / test-Consumer: opus 100, VP8 101 + rtx 102, H264 103 + rtx 104. */
    static final RtpCapabilities TEST_PRODUCER_ROUTER = Ortc.generateRouterRtpCapabilities(js("""
            [{kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2, parameters: {foo: '111'}},
             {kind: 'video', mimeType: 'video/VP8', clockRate: 90000},
             {kind: 'video', mimeType: 'video/H264', clockRate: 90000,
              parameters: {'level-asymmetry-allowed': 1, 'packetization-mode': 1, 'profile-level-id': '4d0032',
                           foo: 'bar'}, rtcpFeedback: []}]"""));

    /** test-ortc's producer: H264 111 + rtx 112, two ssrc encodings and one rid encoding. */
    static final RtpParameters TEST_ORTC_PRODUCER = Ortc.validateRtpParameters(js("""
            {codecs: [
               {mimeType: 'video/H264', payloadType: 111, clockRate: 90000,
                parameters: {foo: 1234, 'packetization-mode': 1, 'profile-level-id': '4d0032'},
                rtcpFeedback: [{type: 'nack', parameter: ''}, {type: 'nack', parameter: 'pli'},
                               {type: 'goog-remb', parameter: ''}]},
               {mimeType: 'video/rtx', payloadType: 112, clockRate: 90000, parameters: {apt: 111}, rtcpFeedback: []}],
             headerExtensions: [{uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 1},
                                {uri: 'urn:3gpp:video-orientation', id: 2}],
             encodings: [
               {ssrc: 11111111, rtx: {ssrc: 11111112}, maxBitrate: 111111, scalabilityMode: 'L1T3'},
               {ssrc: 21111111, rtx: {ssrc: 21111112}, maxBitrate: 222222, scalabilityMode: 'L1T3'},
               {rid: 'high', maxBitrate: 333333, scalabilityMode: 'L1T3'}],
             rtcp: {cname: 'qwerty1234'}}"""));

    static SsrcGenerator counting(long first) {
        AtomicLong next = new AtomicLong(first);
        return next::getAndIncrement;
    }

    @Test
    void testOrtcMappingMapsPayloadTypesAndEncodings() {
        ProducerRtpMapping result =
                Ortc.getProducerRtpParametersMapping(TEST_ORTC_PRODUCER, TEST_ORTC_ROUTER, () -> 500000000L);

        assertJson("""
                {codecs: [{payloadType: 111, mappedPayloadType: 101}, {payloadType: 112, mappedPayloadType: 102}],
                 encodings: [{ssrc: 11111111, scalabilityMode: 'L1T3', mappedSsrc: 500000000},
                             {ssrc: 21111111, scalabilityMode: 'L1T3', mappedSsrc: 500000001},
                             {rid: 'high', scalabilityMode: 'L1T3', mappedSsrc: 500000002}]}""",
                result.rtpMapping());
        assertNull(result.rtpMapping().encodings().get(0).rid());
        assertNull(result.rtpMapping().encodings().get(2).ssrc());
    }

    @Test
    void defaultMappedSsrcIsRandomInMediasoupRangeAndConsecutive() {
        Set<Long> bases = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            RtpMapping mapping =
                    Ortc.getProducerRtpParametersMapping(TEST_ORTC_PRODUCER, TEST_ORTC_ROUTER).rtpMapping();
            long base = mapping.encodings().get(0).mappedSsrc();
            assertTrue(base >= 100_000_000L && base < 999_999_999L, () -> "out of range: " + base);
            assertEquals(base + 2, mapping.encodings().get(2).mappedSsrc());
            bases.add(base);
        }
        assertTrue(bases.size() > 1, "mappedSsrc base must be random");
    }

    @Test
    void testOrtcConsumableParameters() {
        ProducerRtpMapping result =
                Ortc.getProducerRtpParametersMapping(TEST_ORTC_PRODUCER, TEST_ORTC_ROUTER, counting(700000000L));
        RtpParameters consumable = Ortc.getConsumableRtpParameters(
                MediaKind.VIDEO, result.rtpParameters(), TEST_ORTC_ROUTER, result.rtpMapping());

        assertJson("""
                [{mimeType: 'video/H264', payloadType: 101, clockRate: 90000,
                  parameters: {foo: 1234, 'packetization-mode': 1, 'profile-level-id': '4d0032'},
                  rtcpFeedback: [{type: 'nack', parameter: ''}, {type: 'nack', parameter: 'pli'},
                    {type: 'ccm', parameter: 'fir'}, {type: 'goog-remb', parameter: ''},
                    {type: 'transport-cc', parameter: ''}]},
                 {mimeType: 'video/rtx', payloadType: 102, clockRate: 90000, parameters: {apt: 101}, rtcpFeedback: []}]""",
                consumable.codecs());
        assertJson("""
                [{ssrc: 700000000, dtx: false, scalabilityMode: 'L1T3', maxBitrate: 111111},
                 {ssrc: 700000001, dtx: false, scalabilityMode: 'L1T3', maxBitrate: 222222},
                 {ssrc: 700000002, dtx: false, scalabilityMode: 'L1T3', maxBitrate: 333333}]""",
                consumable.encodings());
        assertJson("{cname: 'qwerty1234', reducedSize: true}", consumable.rtcp());
        assertNull(consumable.mid());
    }

    @Test
    void consumableEncodingsAreClonesWithoutRidRtxAndCodecPayloadType() {
        RtpParameters params = TEST_ORTC_PRODUCER.withEncodings(List.of(RtpEncodingParameters.builder()
                .rid("r0").rtxSsrc(5).codecPayloadType(111).maxBitrate(10L).scaleResolutionDownBy(4.0)
                .scalabilityMode("L1T3").priority("high").build()));
        RtpMapping mapping = Ortc.getProducerRtpParametersMapping(params, TEST_ORTC_ROUTER, () -> 123456789L)
                .rtpMapping();

        RtpParameters consumable = Ortc.getConsumableRtpParameters(MediaKind.VIDEO, params, TEST_ORTC_ROUTER, mapping);

        assertJson("[{ssrc: 123456789, scalabilityMode: 'L1T3', scaleResolutionDownBy: 4, maxBitrate: 10,"
                + " priority: 'high'}]", consumable.encodings());
    }

    @Test
    void consumableHeaderExtensionsAreTheRoutersSendableOnesOfTheKind() {
        RtpParameters audio = Ortc.validateRtpParameters(js("""
                {codecs: [{mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2}],
                 encodings: [{ssrc: 1}], rtcp: {cname: 'c'}}"""));
        ProducerRtpMapping mapped = Ortc.getProducerRtpParametersMapping(audio, TEST_ORTC_ROUTER);

        RtpParameters consumable =
                Ortc.getConsumableRtpParameters(MediaKind.AUDIO, audio, TEST_ORTC_ROUTER, mapped.rtpMapping());

        assertJson("""
                [{uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 1, encrypt: false, parameters: {}},
                 {uri: 'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time', id: 4, encrypt: false,
                  parameters: {}},
                 {uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level', id: 10, encrypt: false, parameters: {}},
                 {uri: 'http://www.webrtc.org/experiments/rtp-hdrext/abs-capture-time', id: 13, encrypt: false,
                  parameters: {}},
                 {uri: 'http://www.webrtc.org/experiments/rtp-hdrext/playout-delay', id: 14, encrypt: false,
                  parameters: {}}]""",
                consumable.headerExtensions());
        assertJson("[{mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2, parameters: {},"
                + " rtcpFeedback: [{type: 'nack', parameter: ''}, {type: 'transport-cc', parameter: ''}]}]",
                consumable.codecs());
    }

    @Test
    void vp8AgainstAnH264OnlyRouterIsUnsupported() {
        RtpCapabilities router = Ortc.generateRouterRtpCapabilities(js("""
                [{kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2},
                 {kind: 'video', mimeType: 'video/H264', clockRate: 90000,
                  parameters: {'packetization-mode': 1, 'profile-level-id': '640032'}}]"""));
        RtpParameters params = Ortc.validateRtpParameters(js("""
                {codecs: [{mimeType: 'video/VP8', payloadType: 120, clockRate: 90000,
                           rtcpFeedback: [{type: 'nack', parameter: ''}, {type: 'nack', parameter: 'fir'}]}],
                 headerExtensions: [], encodings: [{ssrc: 11111111}], rtcp: {cname: 'qwerty1234'}}"""));

        assertError(UnsupportedError.class, "unsupported codec [mimeType:video/VP8, payloadType:120]",
                () -> Ortc.getProducerRtpParametersMapping(params, router));
    }

    @Test
    void unsupportedProducerCodecsOfTestProducer() {
        assertError(UnsupportedError.class, "unsupported codec [mimeType:audio/ISAC, payloadType:108]", () ->
                map(TEST_PRODUCER_ROUTER, """
                        {codecs: [{mimeType: 'audio/ISAC', payloadType: 108, clockRate: 32000}],
                         headerExtensions: [], encodings: [{ssrc: 1111}], rtcp: {cname: 'audio'}}"""));
        assertError(UnsupportedError.class, "unsupported codec [mimeType:video/h264, payloadType:112]", () ->
                map(TEST_PRODUCER_ROUTER, """
                        {codecs: [{mimeType: 'video/h264', payloadType: 112, clockRate: 90000,
                                   parameters: {'packetization-mode': 1, 'profile-level-id': 'CHICKEN'}},
                                  {mimeType: 'video/rtx', payloadType: 113, clockRate: 90000, parameters: {apt: 112}}],
                         headerExtensions: [], encodings: [{ssrc: 6666, rtx: {ssrc: 6667}}]}"""));
        assertError(UnsupportedError.class, "unsupported codec [mimeType:video/H264, payloadType:112]", () ->
                map(TEST_PRODUCER_ROUTER, """
                        {codecs: [{mimeType: 'video/H264', payloadType: 112, clockRate: 90000,
                                   parameters: {'profile-level-id': '4d0032'}}]}"""));
    }

    @Test
    void rtxWithAnAptPointingNowhereIsATypeError() {
        assertError(TypeError.class, "missing media codec found for RTX PT 113", () -> map(TEST_PRODUCER_ROUTER, """
                {codecs: [{mimeType: 'video/h264', payloadType: 112, clockRate: 90000,
                           parameters: {'packetization-mode': 1, 'profile-level-id': '4d0032'}},
                          {mimeType: 'video/rtx', payloadType: 113, clockRate: 90000, parameters: {apt: 111}}],
                 headerExtensions: [], encodings: [{ssrc: 6666, rtx: {ssrc: 6667}}], rtcp: {cname: 'video-1'}}"""));
        assertError(TypeError.class, "missing media codec found for RTX PT 113", () -> map(TEST_PRODUCER_ROUTER, """
                {codecs: [{mimeType: 'video/rtx', payloadType: 113, clockRate: 90000}]}"""));
        assertError(TypeError.class, "missing media codec found for RTX PT 113", () -> map(TEST_PRODUCER_ROUTER, """
                {codecs: [{mimeType: 'video/rtx', payloadType: 113, clockRate: 90000, parameters: {apt: 114}},
                          {mimeType: 'video/rtx', payloadType: 114, clockRate: 90000, parameters: {apt: 113}}]}"""));
    }

    @Test
    void rtxNeedsARouterRtxForTheMappedCodec() {
        assertError(UnsupportedError.class, "no RTX codec for capability codec PT 100", () -> map(TEST_PRODUCER_ROUTER, """
                {codecs: [{mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2},
                          {mimeType: 'audio/rtx', payloadType: 112, clockRate: 48000, parameters: {apt: 111}}]}"""));
    }

    @Test
    void multiopusStreamLayoutMustMatchTheRouter() {
        RtpCapabilities router = Ortc.generateRouterRtpCapabilities(js("""
                [{kind: 'audio', mimeType: 'audio/multiopus', preferredPayloadType: 100, clockRate: 48000, channels: 6,
                  parameters: {useinbandfec: 1, channel_mapping: '0,4,1,2,3,5', num_streams: 4,
                               coupled_streams: 2}}]"""));

        ProducerRtpMapping ok = map(router, """
                {mid: 'AUDIO', codecs: [{mimeType: 'audio/multiopus', payloadType: 0, clockRate: 48000, channels: 6,
                  parameters: {useinbandfec: 1, channel_mapping: '0,4,1,2,3,5', num_streams: 4, coupled_streams: 2}}],
                 headerExtensions: [{uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 10},
                                    {uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level', id: 12}]}""");
        assertJson("""
                [{mimeType: 'audio/multiopus', payloadType: 0, clockRate: 48000, channels: 6,
                  parameters: {useinbandfec: 1, channel_mapping: '0,4,1,2,3,5', num_streams: 4, coupled_streams: 2},
                  rtcpFeedback: []}]""", ok.rtpParameters().codecs());
        assertJson("[{payloadType: 0, mappedPayloadType: 100}]", ok.rtpMapping().codecs());

        assertError(UnsupportedError.class, "unsupported codec [mimeType:audio/multiopus, payloadType:0]", () ->
                map(router, """
                        {codecs: [{mimeType: 'audio/multiopus', payloadType: 0, clockRate: 48000, channels: 6,
                          parameters: {channel_mapping: '0,4,1,2,3,5', num_streams: 2, coupled_streams: 2}}]}"""));
        assertError(UnsupportedError.class, "unsupported codec [mimeType:audio/multiopus, payloadType:0]", () ->
                map(router, """
                        {codecs: [{mimeType: 'audio/multiopus', payloadType: 0, clockRate: 48000, channels: 6,
                          parameters: {channel_mapping: '0,4,1,2,3,5', num_streams: 4, coupled_streams: 1}}]}"""));
    }

    @Test
    void h264ProfileLevelIdIsRewrittenToTheAnswer() {
        ProducerRtpMapping result = map(TEST_ORTC_ROUTER, """
                {codecs: [{mimeType: 'video/h264', payloadType: 112, clockRate: 90000,
                           parameters: {'packetization-mode': 1, 'profile-level-id': '4d0034', x: 1}},
                          {mimeType: 'video/rtx', payloadType: 113, clockRate: 90000, parameters: {apt: 112}}],
                 encodings: [{ssrc: 1}]}""");

        assertEquals("{\"packetization-mode\":1,\"profile-level-id\":\"4d0032\",\"x\":1}",
                Json.json(result.rtpParameters().codecs().get(0).parameters()));
        assertEquals(result.rtpParameters().codecs().get(1).parameters(), ParameterMap.of("apt", 112));

        ProducerRtpMapping asymmetric = map(TEST_ORTC_ROUTER, """
                {codecs: [{mimeType: 'video/h264', payloadType: 112, clockRate: 90000,
                           parameters: {'packetization-mode': 1, 'profile-level-id': '4d0034',
                                        'level-asymmetry-allowed': 1}}]}""");
        assertEquals("4d0034", asymmetric.rtpParameters().codecs().get(0).parameters().get("profile-level-id"));
    }

    @Test
    void mappingOmitsFalsySsrcRidAndScalabilityModeLikeMediasoup() {
        RtpParameters params = Ortc.validateRtpParameters(js("""
                {codecs: [{mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2}],
                 encodings: [{ssrc: 0, rid: '', scalabilityMode: ''}, {}]}"""));

        assertJson("[{mappedSsrc: 42}, {mappedSsrc: 43}]", Ortc.getProducerRtpParametersMapping(
                params, TEST_ORTC_ROUTER, counting(42)).rtpMapping().encodings());
    }

    @Test
    void mediaCodecsAreMappedBeforeRtxCodecs() {
        ProducerRtpMapping result = map(TEST_PRODUCER_ROUTER, """
                {codecs: [{mimeType: 'video/rtx', payloadType: 97, clockRate: 90000, parameters: {apt: 96}},
                          {mimeType: 'video/VP8', payloadType: 96, clockRate: 90000},
                          {mimeType: 'video/rtx', payloadType: 99, clockRate: 90000, parameters: {apt: 98}},
                          {mimeType: 'video/H264', payloadType: 98, clockRate: 90000,
                           parameters: {'packetization-mode': 1, 'profile-level-id': '4d001f'}}]}""");

        assertJson("""
                [{payloadType: 96, mappedPayloadType: 101}, {payloadType: 98, mappedPayloadType: 103},
                 {payloadType: 97, mappedPayloadType: 102}, {payloadType: 99, mappedPayloadType: 104}]""",
                result.rtpMapping().codecs());
    }

    private static ProducerRtpMapping map(RtpCapabilities router, String params) {
        return Ortc.getProducerRtpParametersMapping(Ortc.validateRtpParameters(js(params)), router);
    }
}
