package io.tributary.worker.ortc;

import io.tributary.worker.errors.TypeError;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * mediasoup's codec matching. Loose matching (router creation) compares MIME type, clock rate,
 * channels and multiopus stream layout. Strict matching adds H264 packetization mode, profile and
 * an answerable profile-level-id, and VP9 profile-id.
 */
final class CodecMatcher {

    private static final String PROFILE_LEVEL_ID = "profile-level-id";

    private CodecMatcher() {}

    static boolean matches(RtpCodec a, RtpCodec b, boolean strict) {
        return match(a, b, strict).isPresent();
    }

    /**
     * Strict match that also negotiates: the result is codec {@code a}'s parameters with the H264
     * {@code profile-level-id} replaced by the answer (or removed when there is none).
     */
    static Optional<ParameterMap> negotiate(RtpCodec a, RtpCodec b) {
        return match(a, b, true).map(negotiation -> negotiation.apply(a.parametersOrEmpty()));
    }

    /** On a match, what negotiation does to codec a's parameters. */
    private static Optional<UnaryOperator<ParameterMap>> match(RtpCodec a, RtpCodec b, boolean strict) {
        String mimeType = a.mimeType().toLowerCase(Locale.ROOT);
        if (!mimeType.equals(b.mimeType().toLowerCase(Locale.ROOT))
                || a.clockRate() != b.clockRate()
                || !Objects.equals(a.channels(), b.channels())) {
            return Optional.empty();
        }
        ParameterMap ap = a.parametersOrEmpty();
        ParameterMap bp = b.parametersOrEmpty();
        switch (mimeType) {
            case "audio/multiopus" -> {
                if (!Objects.equals(ap.get("num_streams"), bp.get("num_streams"))
                        || !Objects.equals(ap.get("coupled_streams"), bp.get("coupled_streams"))) {
                    return Optional.empty();
                }
            }
            case "video/h264", "video/h264-svc" -> {
                if (strict) {
                    return matchH264(ap, bp);
                }
            }
            case "video/vp9" -> {
                if (strict && !orZero(ap.get("profile-id")).equals(orZero(bp.get("profile-id")))) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(UnaryOperator.identity());
    }

    private static Optional<UnaryOperator<ParameterMap>> matchH264(ParameterMap a, ParameterMap b) {
        if (!orZero(a.get("packetization-mode")).equals(orZero(b.get("packetization-mode")))
                || !H264ProfileLevelId.isSameProfile(a, b)) {
            return Optional.empty();
        }
        Optional<String> answer;
        try {
            answer = H264ProfileLevelId.generateProfileLevelIdStringForAnswer(a, b);
        } catch (TypeError unanswerable) {
            return Optional.empty();
        }
        return Optional.of(params -> answer.map(id -> params.with(PROFILE_LEVEL_ID, id))
                .orElseGet(() -> params.without(PROFILE_LEVEL_ID)));
    }

    /** JavaScript's {@code value || 0}. */
    private static Object orZero(Object value) {
        return value == null || "".equals(value) ? Integer.valueOf(0) : value;
    }
}
