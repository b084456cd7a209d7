package io.tributary.worker.testing;

import static io.tributary.worker.Await.result;
import static io.tributary.worker.testing.Js.js;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.worker.ortc.RtpCodecCapability;
import io.tributary.worker.producer.ProducerOptions;
import io.tributary.worker.router.Router;
import io.tributary.worker.transport.TransportListenInfo;
import io.tributary.worker.transport.webrtc.WebRtcTransport;
import io.tributary.worker.transport.webrtc.WebRtcTransportOptions;
import java.util.List;
import java.util.Map;

/**
 * The fixtures of mediasoup's node test-Consumer.ts (router codecs, an opus producer with one SSRC, an
 * H264 producer with four L1T5 SSRC encodings and RTX, and the consuming device's capabilities),
 * shared by the tests that need producers and consumers.
 */
public final class MediasoupFixtures {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** test-Consumer's router: opus (foo 'bar'), VP8, H264 4d0032. */
    public static final List<RtpCodecCapability> MEDIA_CODECS = codecs("""
            [{kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2, parameters: {foo: 'bar'}},
             {kind: 'video', mimeType: 'video/VP8', clockRate: 90000},
             {kind: 'video', mimeType: 'video/H264', clockRate: 90000,
              parameters: {'level-asymmetry-allowed': 1, 'packetization-mode': 1, 'profile-level-id': '4d0032',
                           foo: 'bar'}}]""");

    public static final JsonNode AUDIO_RTP_PARAMETERS = js("""
            {mid: 'AUDIO',
             codecs: [{mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2,
                       parameters: {useinbandfec: 1, usedtx: 1, foo: 222.222, bar: '333'}}],
             headerExtensions: [{uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 10},
                                {uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level', id: 12}],
             encodings: [{ssrc: 11111111}],
             rtcp: {cname: 'FOOBAR'}}""");

    public static final JsonNode VIDEO_RTP_PARAMETERS = js("""
            {mid: 'VIDEO',
             codecs: [{mimeType: 'video/h264', payloadType: 112, clockRate: 90000,
                       parameters: {'packetization-mode': 1, 'profile-level-id': '4d0032'},
                       rtcpFeedback: [{type: 'nack', parameter: ''}, {type: 'nack', parameter: 'pli'},
                                      {type: 'goog-remb', parameter: ''}]},
                      {mimeType: 'video/rtx', payloadType: 113, clockRate: 90000, parameters: {apt: 112}}],
             headerExtensions: [{uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 10},
                                {uri: 'urn:3gpp:video-orientation', id: 13}],
             encodings: [{ssrc: 22222222, scalabilityMode: 'L1T5', rtx: {ssrc: 22222223}},
                         {ssrc: 22222224, scalabilityMode: 'L1T5', rtx: {ssrc: 22222225}},
                         {ssrc: 22222226, scalabilityMode: 'L1T5', rtx: {ssrc: 22222227}},
                         {ssrc: 22222228, scalabilityMode: 'L1T5', rtx: {ssrc: 22222229}}],
             rtcp: {cname: 'FOOBAR'}}""");

    /** test-Consumer's device: opus 100 with nack, H264 101 + RTX 102, no transport-cc extension. */
    public static final JsonNode DEVICE_CAPABILITIES = js("""
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
               {kind: 'video', uri: 'urn:ietf:params:rtp-hdrext:toffset', preferredId: 12,
                preferredEncrypt: false}]}""");

    private MediasoupFixtures() {
    }

    public static ProducerOptions audioProducerOptions() {
        return ProducerOptions.of("audio", AUDIO_RTP_PARAMETERS).withAppData(Map.of("foo", 1, "bar", "2"));
    }

    public static ProducerOptions videoProducerOptions() {
        return ProducerOptions.of("video", VIDEO_RTP_PARAMETERS).withAppData(Map.of("foo", 1, "bar", "2"));
    }

    /** Router {@code mediaCodecs} from a JSON literal. */
    public static List<RtpCodecCapability> codecs(String literal) {
        try {
            return List.of(MAPPER.treeToValue(js(literal), RtpCodecCapability[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A WebRtcTransport listening on one UDP port of 127.0.0.1 (mediasoup's {@code listenIps: ['127.0.0.1']}). */
    public static WebRtcTransport loopbackTransport(Router router) {
        return result(router.createWebRtcTransport(
                WebRtcTransportOptions.withListenInfos(List.of(TransportListenInfo.udp("127.0.0.1", 0)))));
    }
}
