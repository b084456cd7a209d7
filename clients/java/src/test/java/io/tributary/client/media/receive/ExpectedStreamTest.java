package io.tributary.client.media.receive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.client.media.PeerCapabilities;
import io.tributary.worker.ortc.MediaKind;
import io.tributary.worker.ortc.ParameterMap;
import io.tributary.worker.ortc.RtcpParameters;
import io.tributary.worker.ortc.RtpCapabilities;
import io.tributary.worker.ortc.RtpCodecCapability;
import io.tributary.worker.ortc.RtpCodecParameters;
import io.tributary.worker.ortc.RtpEncodingParameters;
import io.tributary.worker.ortc.RtpParameters;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpectedStreamTest {

    @Test
    void aConsumersParametersNameItsSsrcCodecAndRtx() {
        RtpParameters consumer = new RtpParameters("1",
                List.of(new RtpCodecParameters("video/VP8", 101, 90000, null, ParameterMap.EMPTY, List.of()),
                        new RtpCodecParameters("video/rtx", 102, 90000, null, ParameterMap.of("apt", 101), List.of())),
                List.of(), List.of(RtpEncodingParameters.builder().ssrc(123L).rtxSsrc(456L).build()),
                RtcpParameters.of("cname"));

        assertEquals(new ExpectedStream(123, 101, MediaCodec.VP8, 456, 102), ExpectedStream.fromConsumer(consumer));
    }

    @Test
    void capabilitiesKeepOpusVp8AndTheirRtx() {
        RtpCapabilities router = new RtpCapabilities(List.of(
                codec(MediaKind.AUDIO, "audio/opus", 100, ParameterMap.EMPTY),
                codec(MediaKind.VIDEO, "video/VP8", 101, ParameterMap.EMPTY),
                codec(MediaKind.VIDEO, "video/rtx", 102, ParameterMap.of("apt", 101)),
                codec(MediaKind.VIDEO, "video/H264", 103, ParameterMap.EMPTY),
                codec(MediaKind.VIDEO, "video/rtx", 104, ParameterMap.of("apt", 103))), List.of());

        List<Integer> kept = PeerCapabilities.from(router).codecs().stream()
                .map(RtpCodecCapability::preferredPayloadType).toList();

        assertEquals(List.of(100, 101, 102), kept);
    }

    private static RtpCodecCapability codec(MediaKind kind, String mime, int pt, ParameterMap parameters) {
        return new RtpCodecCapability(kind, mime, pt, mime.startsWith("audio") ? 48000 : 90000,
                mime.startsWith("audio") ? 2 : null, parameters, List.of());
    }
}
