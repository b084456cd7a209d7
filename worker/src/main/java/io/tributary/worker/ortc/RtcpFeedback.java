package io.tributary.worker.ortc;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** An RTCP feedback mechanism ({@code nack}, {@code nack pli}, {@code ccm fir}, {@code transport-cc}…). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RtcpFeedback(String type, String parameter) {

    public RtcpFeedback {
        Objects.requireNonNull(type, "type");
    }

    /** Feedback with mediasoup's normalized empty parameter. */
    public static RtcpFeedback of(String type) {
        return new RtcpFeedback(type, "");
    }

    public static RtcpFeedback of(String type, String parameter) {
        return new RtcpFeedback(type, parameter);
    }

    /** JavaScript truthiness of {@code parameter}: absent and empty both count as none. */
    boolean hasParameter() {
        return parameter != null && !parameter.isEmpty();
    }
}
