package io.tributary.worker.ortc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CodecMatcherTest {

    private static RtpCodecParameters codec(String mimeType, int clockRate, Integer channels, ParameterMap params) {
        return new RtpCodecParameters(mimeType, 96, clockRate, channels, params, List.of());
    }

    private static RtpCodecParameters h264(Object... params) {
        return codec("video/H264", 90000, null, ParameterMap.of(params));
    }

    @Test
    void mimeTypeIsCaseInsensitiveClockRateAndChannelsMustBeEqual() {
        RtpCodecParameters opus = codec("audio/opus", 48000, 2, ParameterMap.EMPTY);

        assertTrue(CodecMatcher.matches(opus, codec("AUDIO/OPUS", 48000, 2, ParameterMap.EMPTY), true));
        assertFalse(CodecMatcher.matches(opus, codec("audio/opus", 48000, 1, ParameterMap.EMPTY), false));
        assertFalse(CodecMatcher.matches(opus, codec("audio/opus", 48000, null, ParameterMap.EMPTY), false));
        assertFalse(CodecMatcher.matches(opus, codec("audio/opus", 16000, 2, ParameterMap.EMPTY), false));
        assertFalse(CodecMatcher.matches(opus, codec("audio/multiopus", 48000, 2, ParameterMap.EMPTY), false));
    }

    @Test
    void multiopusComparesStreamLayoutWithStrictEquality() {
        RtpCodecParameters a = codec("audio/multiopus", 48000, 6,
                ParameterMap.of("num_streams", 4, "coupled_streams", 2, "channel_mapping", "0,4,1,2,3,5"));

        assertTrue(CodecMatcher.matches(a, codec("audio/multiopus", 48000, 6,
                ParameterMap.of("num_streams", 4, "coupled_streams", 2)), false));
        assertFalse(CodecMatcher.matches(a, codec("audio/multiopus", 48000, 6,
                ParameterMap.of("num_streams", 2, "coupled_streams", 2)), false));
        assertFalse(CodecMatcher.matches(a, codec("audio/multiopus", 48000, 6,
                ParameterMap.of("num_streams", 4, "coupled_streams", 1)), false));
        assertFalse(CodecMatcher.matches(a, codec("audio/multiopus", 48000, 6,
                ParameterMap.of("num_streams", "4", "coupled_streams", 2)), false));
    }

    @Test
    void h264IsOnlyCheckedWhenStrict() {
        RtpCodecParameters cb = h264("packetization-mode", 1, "profile-level-id", "42e01f");
        RtpCodecParameters main = h264("profile-level-id", "4d0032");

        assertTrue(CodecMatcher.matches(cb, main, false));
        assertFalse(CodecMatcher.matches(cb, main, true));
    }

    @Test
    void h264PacketizationModeDefaultsToZeroAndComparesStrictly() {
        assertTrue(CodecMatcher.matches(h264(), h264("packetization-mode", 0), true));
        assertTrue(CodecMatcher.matches(h264("packetization-mode", ""), h264(), true));
        assertFalse(CodecMatcher.matches(h264("packetization-mode", 1), h264(), true));
        assertFalse(CodecMatcher.matches(h264("packetization-mode", "1"), h264("packetization-mode", 1), true));
    }

    @Test
    void h264ProfilesMustBeEqualAndAnswerable() {
        assertTrue(CodecMatcher.matches(h264("profile-level-id", "42e01f"), h264(), true));
        assertTrue(CodecMatcher.matches(h264("profile-level-id", "42e034"), h264("profile-level-id", "42e00a"), true));
        assertFalse(CodecMatcher.matches(h264("profile-level-id", "42001f"), h264("profile-level-id", "42e01f"), true));
        assertFalse(CodecMatcher.matches(h264("profile-level-id", "CHICKEN"), h264("profile-level-id", "42e01f"), true));
        assertFalse(CodecMatcher.matches(h264("profile-level-id", 420010), h264(), true));
        assertTrue(CodecMatcher.matches(
                codec("video/H264-SVC", 90000, null, ParameterMap.of("profile-level-id", "64001f")),
                codec("video/h264-svc", 90000, null, ParameterMap.of("profile-level-id", "640032")), true));
    }

    @Test
    void negotiationRewritesTheFirstCodecsProfileLevelId() {
        RtpCodecParameters producer = h264("packetization-mode", 1, "profile-level-id", "42e034", "foo", "bar");
        RtpCodecParameters router = h264("packetization-mode", 1, "profile-level-id", "42e01f",
                "level-asymmetry-allowed", 1);

        assertEquals(Optional.of(ParameterMap.of("packetization-mode", 1, "profile-level-id", "42e01f", "foo", "bar")),
                CodecMatcher.negotiate(producer, router));

        RtpCodecParameters asymmetric = producer.withParameters(producer.parameters().with("level-asymmetry-allowed", 1));
        assertEquals(Optional.of(asymmetric.parameters()), CodecMatcher.negotiate(asymmetric, router));
    }

    @Test
    void negotiationDropsAProfileLevelIdThatHasNoCanonicalForm() {
        RtpCodecParameters producer = h264("profile-level-id", "", "x", 1);

        assertEquals(Optional.of(ParameterMap.of("x", 1)), CodecMatcher.negotiate(producer, h264()));
    }

    @Test
    void negotiationLeavesOtherCodecsUntouched() {
        RtpCodecParameters vp8 = codec("video/VP8", 90000, null, ParameterMap.of("profile-level-id", "42e01f"));

        assertEquals(Optional.of(vp8.parameters()), CodecMatcher.negotiate(vp8, codec("video/vp8", 90000, null, null)));
        assertEquals(Optional.empty(), CodecMatcher.negotiate(vp8, h264()));
    }

    @Test
    void vp9ProfileIdDefaultsToZeroAndIsOnlyCheckedWhenStrict() {
        RtpCodecParameters p0 = codec("video/VP9", 90000, null, ParameterMap.EMPTY);
        RtpCodecParameters p2 = codec("video/VP9", 90000, null, ParameterMap.of("profile-id", 2));

        assertTrue(CodecMatcher.matches(p0, codec("video/VP9", 90000, null, ParameterMap.of("profile-id", 0)), true));
        assertFalse(CodecMatcher.matches(p0, p2, true));
        assertTrue(CodecMatcher.matches(p0, p2, false));
        assertFalse(CodecMatcher.matches(p2, codec("video/VP9", 90000, null, ParameterMap.of("profile-id", "2")), true));
    }
}
