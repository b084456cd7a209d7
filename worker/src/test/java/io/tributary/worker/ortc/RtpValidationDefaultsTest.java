package io.tributary.worker.ortc;

import static io.tributary.worker.ortc.Json.js;
import static io.tributary.worker.ortc.Json.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Normalization applied by validation: the defaults mediasoup fills in, checked on the wire JSON. */
class RtpValidationDefaultsTest {

    private static String caps(String literal) {
        return json(Ortc.validateRtpCapabilities(js(literal)));
    }

    private static String params(String literal) {
        return json(Ortc.validateRtpParameters(js(literal)));
    }

    @Test
    void emptyCapabilitiesGetEmptyLists() {
        assertEquals("{\"codecs\":[],\"headerExtensions\":[]}", caps("{}"));
        assertEquals("{\"codecs\":[],\"headerExtensions\":[]}", caps("{codecs: null, headerExtensions: 0}"));
        assertEquals("{\"codecs\":[],\"headerExtensions\":[]}", caps("[]"));
    }

    @Test
    void capabilityCodecKindComesFromTheMimeTypeAndAudioGetsOneChannel() {
        assertEquals("{\"kind\":\"audio\",\"mimeType\":\"AUDIO/opus\",\"clockRate\":48000,\"channels\":1,"
                        + "\"parameters\":{},\"rtcpFeedback\":[]}",
                json(Ortc.validateRtpCapabilities(js("{codecs: [{kind: 'video', mimeType: 'AUDIO/opus',"
                        + " clockRate: 48000, channels: '2'}]}")).codecs().get(0)));
        assertEquals("{\"kind\":\"video\",\"mimeType\":\"video/VP8\",\"clockRate\":90000,\"parameters\":{},"
                        + "\"rtcpFeedback\":[]}",
                json(Ortc.validateRtpCapabilities(js("{codecs: [{mimeType: 'video/VP8', clockRate: 90000,"
                        + " channels: 2, parameters: 'x', rtcpFeedback: 'y'}]}")).codecs().get(0)));
    }

    @Test
    void falsyPreferredPayloadTypesAreAbsentButZeroIsKept() {
        RtpCapabilities caps = Ortc.validateRtpCapabilities(js("""
                {codecs: [{mimeType: 'audio/PCMU', clockRate: 8000, preferredPayloadType: 0},
                          {mimeType: 'audio/PCMU', clockRate: 8000, preferredPayloadType: ''},
                          {mimeType: 'audio/PCMU', clockRate: 8000, preferredPayloadType: false},
                          {mimeType: 'audio/PCMU', clockRate: 8000, preferredPayloadType: null}]}"""));

        assertEquals(0, caps.codecs().get(0).preferredPayloadType());
        assertNull(caps.codecs().get(1).preferredPayloadType());
        assertNull(caps.codecs().get(2).preferredPayloadType());
        assertNull(caps.codecs().get(3).preferredPayloadType());
    }

    @Test
    void parametersKeepOrderStringsAndNumbersWithJavaScriptNumberIdentity() {
        RtpCodecCapability codec = Ortc.validateRtpCapabilities(js("""
                {codecs: [{mimeType: 'video/H264', clockRate: 90000,
                  parameters: {'profile-level-id': '42e01f', a: 1.0, b: 222.222, c: 1e2, d: '333', e: -0.0,
                               f: 4294967296, g: 0.0000001, apt: 96}}]}""")).codecs().get(0);

        assertEquals("{\"profile-level-id\":\"42e01f\",\"a\":1,\"b\":222.222,\"c\":100,\"d\":\"333\",\"e\":0,"
                + "\"f\":4294967296,\"g\":1e-7,\"apt\":96}", json(codec.parameters()));
        assertEquals(96, codec.parameters().get("apt"));
        assertEquals(4294967296L, codec.parameters().get("f"));
        assertEquals(222.222, codec.parameters().get("b"));
    }

    @Test
    void arrayParametersAreKeyedByIndexLikeJavaScriptObjectKeys() {
        RtpCodecCapability codec = Ortc.validateRtpCapabilities(
                js("{codecs: [{mimeType: 'video/VP8', clockRate: 90000, parameters: ['a', 5]}]}")).codecs().get(0);

        assertEquals("{\"0\":\"a\",\"1\":5}", json(codec.parameters()));
    }

    @Test
    void feedbackParameterDefaultsToEmptyString() {
        RtpCodecCapability codec = Ortc.validateRtpCapabilities(js("""
                {codecs: [{mimeType: 'video/VP8', clockRate: 90000,
                  rtcpFeedback: [{type: 'nack'}, {type: 'nack', parameter: 'pli'}, {type: 'x', parameter: 5},
                                 {type: 'y', parameter: null, extra: 1}]}]}""")).codecs().get(0);

        assertEquals("[{\"type\":\"nack\",\"parameter\":\"\"},{\"type\":\"nack\",\"parameter\":\"pli\"},"
                + "{\"type\":\"x\",\"parameter\":\"\"},{\"type\":\"y\",\"parameter\":\"\"}]", json(codec.rtcpFeedback()));
    }

    @Test
    void headerExtensionCapabilityDefaults() {
        assertEquals("{\"codecs\":[],\"headerExtensions\":[{\"kind\":\"video\",\"uri\":\"urn:x\",\"preferredId\":3,"
                        + "\"preferredEncrypt\":false,\"direction\":\"sendrecv\"},{\"kind\":\"audio\",\"uri\":\"urn:y\","
                        + "\"preferredId\":4,\"preferredEncrypt\":true,\"direction\":\"recvonly\"}]}",
                caps("""
                        {headerExtensions: [{kind: 'video', uri: 'urn:x', preferredId: 3, preferredEncrypt: 0,
                                             direction: ''},
                                            {kind: 'audio', uri: 'urn:y', preferredId: 4.0, preferredEncrypt: true,
                                             direction: 'recvonly'}]}"""));
    }

    @Test
    void minimalRtpParametersGetMediasoupsDefaults() {
        assertEquals("{\"codecs\":[],\"headerExtensions\":[],\"encodings\":[],\"rtcp\":{\"reducedSize\":true}}",
                params("{codecs: []}"));
        assertEquals("{\"codecs\":[],\"headerExtensions\":[],\"encodings\":[],\"rtcp\":{\"reducedSize\":true}}",
                params("{mid: 0, codecs: [], headerExtensions: null, encodings: false, rtcp: ''}"));
        assertEquals("{\"mid\":\"\",\"codecs\":[],\"headerExtensions\":[],\"encodings\":[],"
                + "\"rtcp\":{\"reducedSize\":true}}", params("{mid: '', codecs: []}"));
    }

    @Test
    void codecParametersDefaults() {
        assertEquals("{\"mimeType\":\"audio/opus\",\"payloadType\":111,\"clockRate\":48000,\"channels\":1,"
                        + "\"parameters\":{},\"rtcpFeedback\":[]}",
                json(Ortc.validateRtpParameters(js("{codecs: [{mimeType: 'audio/opus', payloadType: 111,"
                        + " clockRate: 48000, kind: 'video'}]}")).codecs().get(0)));
        assertEquals("{\"mimeType\":\"video/VP8\",\"payloadType\":96,\"clockRate\":90000,\"parameters\":{},"
                        + "\"rtcpFeedback\":[]}",
                json(Ortc.validateRtpParameters(js("{codecs: [{mimeType: 'video/VP8', payloadType: 96,"
                        + " clockRate: 90000, channels: 2}]}")).codecs().get(0)));
    }

    @Test
    void headerExtensionParametersDefaults() {
        RtpParameters params = Ortc.validateRtpParameters(js("""
                {codecs: [], headerExtensions: [{uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 10},
                  {uri: 'urn:3gpp:video-orientation', id: 13, encrypt: true, parameters: {a: 1, b: 'x'}}]}"""));

        assertEquals("[{\"uri\":\"urn:ietf:params:rtp-hdrext:sdes:mid\",\"id\":10,\"encrypt\":false,\"parameters\":{}},"
                        + "{\"uri\":\"urn:3gpp:video-orientation\",\"id\":13,\"encrypt\":true,"
                        + "\"parameters\":{\"a\":1,\"b\":\"x\"}}]",
                json(params.headerExtensions()));
    }

    @Test
    void encodingDefaultsAndKeptMembers() {
        RtpParameters params = Ortc.validateRtpParameters(js("""
                {codecs: [], encodings: [
                  {ssrc: 0, rid: '', dtx: 'yes'},
                  {rid: 'r0', dtx: true, scalabilityMode: 'L1T3', scaleResolutionDownBy: 4.0, maxBitrate: 500000,
                   maxFramerate: 29.97, adaptivePtime: false, priority: 'high', networkPriority: 'low',
                   codecPayloadType: 96, rtx: {ssrc: 2222, extra: 1}, active: true},
                  {ssrc: 4294967295, rtx: null, scalabilityMode: null}]}"""));

        assertEquals("[{\"ssrc\":0,\"rid\":\"\",\"dtx\":false},"
                        + "{\"rid\":\"r0\",\"codecPayloadType\":96,\"rtx\":{\"ssrc\":2222},\"dtx\":true,"
                        + "\"scalabilityMode\":\"L1T3\",\"scaleResolutionDownBy\":4,\"maxBitrate\":500000,"
                        + "\"maxFramerate\":29.97,\"adaptivePtime\":false,\"priority\":\"high\",\"networkPriority\":\"low\"},"
                        + "{\"ssrc\":4294967295,\"dtx\":false}]",
                json(params.encodings()));
    }

    @Test
    void rtcpReducedSizeIsAlwaysTrueAsInMediasoup() {
        assertEquals("{\"cname\":\"abc\",\"reducedSize\":true,\"mux\":true}",
                json(Ortc.validateRtpParameters(js("{codecs: [], rtcp: {cname: 'abc', reducedSize: false, mux: true}}"))
                        .rtcp()));
        assertEquals("{\"cname\":\"\",\"reducedSize\":true}",
                json(Ortc.validateRtpParameters(js("{codecs: [], rtcp: {cname: '', mux: 0}}")).rtcp()));
    }

    @Test
    void revalidatingARecordKeepsDecimalAndLargeNumbers() {
        RtpParameters params = Ortc.validateRtpParameters(js("""
                {codecs: [{mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2,
                  parameters: {foo: 222.222, tiny: 0.0000001, big: 4294967296, bar: '333'}}],
                 encodings: [{ssrc: 4294967295, scaleResolutionDownBy: 1.5, maxFramerate: 30}]}"""));

        assertEquals(params, Ortc.validateRtpParameters(params));
    }

    @Test
    void validatingTwiceChangesNothing() {
        RtpParameters once = Ortc.validateRtpParameters(ProducerMappingTest.TEST_ORTC_PRODUCER);

        assertEquals(ProducerMappingTest.TEST_ORTC_PRODUCER, once);
        assertEquals(once, Ortc.validateRtpParameters(js(json(once))));
    }
}
