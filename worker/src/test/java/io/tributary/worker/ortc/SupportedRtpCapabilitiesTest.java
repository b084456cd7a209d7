package io.tributary.worker.ortc;

import static io.tributary.worker.ortc.Json.assertJson;
import static io.tributary.worker.ortc.Json.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SupportedRtpCapabilitiesTest {

    private final RtpCapabilities supported = Ortc.getSupportedRtpCapabilities();

    @Test
    void returnedValueCannotBeMutatedSoLaterCallsAreUnaffected() {
        String before = json(Ortc.getSupportedRtpCapabilities());

        assertThrows(UnsupportedOperationException.class, () -> supported.codecs().clear());
        assertThrows(UnsupportedOperationException.class, () -> supported.headerExtensions().remove(0));
        assertThrows(UnsupportedOperationException.class, () -> supported.codecs().get(0).rtcpFeedback().clear());
        assertThrows(UnsupportedOperationException.class,
                () -> supported.codecs().get(1).parameters().asMap().put("num_streams", 9));

        assertEquals(before, json(Ortc.getSupportedRtpCapabilities()));
    }

    @Test
    void codecTableMatchesMediasoup314() {
        List<String> codecs = supported.codecs().stream()
                .map(c -> c.mimeType() + "/" + c.clockRate() + (c.channels() == null ? "" : "/" + c.channels())
                        + (c.preferredPayloadType() == null ? "" : " pt" + c.preferredPayloadType()))
                .toList();

        assertEquals(List.of(
                "audio/opus/48000/2", "audio/multiopus/48000/4", "audio/multiopus/48000/6", "audio/multiopus/48000/8",
                "audio/PCMU/8000/1 pt0", "audio/PCMA/8000/1 pt8", "audio/ISAC/32000/1", "audio/ISAC/16000/1",
                "audio/G722/8000/1 pt9", "audio/iLBC/8000/1", "audio/SILK/24000/1", "audio/SILK/16000/1",
                "audio/SILK/12000/1", "audio/SILK/8000/1", "audio/CN/32000/1 pt13", "audio/CN/16000/1 pt13",
                "audio/CN/8000/1 pt13", "audio/telephone-event/48000/1", "audio/telephone-event/32000/1",
                "audio/telephone-event/16000/1", "audio/telephone-event/8000/1", "video/VP8/90000",
                "video/VP9/90000", "video/H264/90000", "video/H264-SVC/90000", "video/H265/90000"), codecs);
        assertFalse(codecs.stream().anyMatch(c -> c.contains("AV1")));
    }

    @Test
    void codecParametersAndFeedbackAreNormalized() {
        assertJson("""
                {kind: 'audio', mimeType: 'audio/multiopus', clockRate: 48000, channels: 8,
                 parameters: {channel_mapping: '0,6,1,2,3,4,5,7', num_streams: 5, coupled_streams: 3},
                 rtcpFeedback: [{type: 'nack', parameter: ''}, {type: 'transport-cc', parameter: ''}]}""",
                supported.codecs().get(3));
        assertJson("""
                {kind: 'video', mimeType: 'video/H265', clockRate: 90000, parameters: {'level-asymmetry-allowed': 1},
                 rtcpFeedback: [{type: 'nack', parameter: ''}, {type: 'nack', parameter: 'pli'},
                   {type: 'ccm', parameter: 'fir'}, {type: 'goog-remb', parameter: ''},
                   {type: 'transport-cc', parameter: ''}]}""",
                supported.codecs().get(25));
        assertJson("{kind: 'audio', mimeType: 'audio/CN', preferredPayloadType: 13, clockRate: 8000, channels: 1,"
                + " parameters: {}, rtcpFeedback: []}", supported.codecs().get(16));
        assertNull(supported.codecs().get(22).channels());
    }

    @Test
    void seventeenHeaderExtensionsInMediasoupOrder() {
        String table = supported.headerExtensions().stream()
                .map(e -> e.preferredId() + " " + e.kind() + " " + e.uri() + " " + e.direction() + " " + e.preferredEncrypt())
                .collect(Collectors.joining("\n"));

        assertEquals("""
                1 audio urn:ietf:params:rtp-hdrext:sdes:mid sendrecv false
                1 video urn:ietf:params:rtp-hdrext:sdes:mid sendrecv false
                2 video urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id recvonly false
                3 video urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id recvonly false
                4 audio http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time sendrecv false
                4 video http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time sendrecv false
                5 audio http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01 recvonly false
                5 video http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01 sendrecv false
                6 video http://tools.ietf.org/html/draft-ietf-avtext-framemarking-07 sendrecv false
                7 video urn:ietf:params:rtp-hdrext:framemarking sendrecv false
                10 audio urn:ietf:params:rtp-hdrext:ssrc-audio-level sendrecv false
                11 video urn:3gpp:video-orientation sendrecv false
                12 video urn:ietf:params:rtp-hdrext:toffset sendrecv false
                13 audio http://www.webrtc.org/experiments/rtp-hdrext/abs-capture-time sendrecv false
                13 video http://www.webrtc.org/experiments/rtp-hdrext/abs-capture-time sendrecv false
                14 audio http://www.webrtc.org/experiments/rtp-hdrext/playout-delay sendrecv false
                14 video http://www.webrtc.org/experiments/rtp-hdrext/playout-delay sendrecv false""", table);
    }

    @Test
    void supportedCapabilitiesAreAlreadyValid() {
        assertEquals(supported, Ortc.validateRtpCapabilities(supported));
    }
}
