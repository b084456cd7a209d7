package io.tributary.worker.ortc;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/** What codec matching looks at, shared by capabilities and parameters. */
public sealed interface RtpCodec permits RtpCodecCapability, RtpCodecParameters {

    String mimeType();

    int clockRate();

    Integer channels();

    ParameterMap parameters();

    List<RtcpFeedback> rtcpFeedback();

    /** {@code /.+\/rtx$/i}: any kind's retransmission pseudo-codec. */
    @JsonIgnore
    default boolean isRtx() {
        String mime = mimeType();
        int len = mime.length();
        return len >= 5 && mime.regionMatches(true, len - 4, "/rtx", 0, 4) && !isLineTerminator(mime.charAt(len - 5));
    }

    /** Parameters, or empty when unset (unvalidated input). */
    default ParameterMap parametersOrEmpty() {
        return parameters() == null ? ParameterMap.EMPTY : parameters();
    }

    /** RTCP feedback, or empty when unset (unvalidated input). */
    default List<RtcpFeedback> rtcpFeedbackOrEmpty() {
        return rtcpFeedback() == null ? List.of() : rtcpFeedback();
    }

    private static boolean isLineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029';
    }
}
