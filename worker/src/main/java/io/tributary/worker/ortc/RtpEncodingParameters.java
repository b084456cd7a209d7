package io.tributary.worker.ortc;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

/**
 * One RTP stream of a producer or consumer. Every member is optional; {@code priority} and
 * {@code networkPriority} are the WebRTC strings ('very-low', 'low', 'medium', 'high').
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RtpEncodingParameters(
        Long ssrc,
        String rid,
        Integer codecPayloadType,
        RtpEncodingRtx rtx,
        Boolean dtx,
        String scalabilityMode,
        @JsonSerialize(using = JsNumber.Serializer.class) Double scaleResolutionDownBy,
        Long maxBitrate,
        @JsonSerialize(using = JsNumber.Serializer.class) Double maxFramerate,
        Boolean adaptivePtime,
        String priority,
        String networkPriority) {

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .ssrc(ssrc)
                .rid(rid)
                .codecPayloadType(codecPayloadType)
                .rtx(rtx)
                .dtx(dtx)
                .scalabilityMode(scalabilityMode)
                .scaleResolutionDownBy(scaleResolutionDownBy)
                .maxBitrate(maxBitrate)
                .maxFramerate(maxFramerate)
                .adaptivePtime(adaptivePtime)
                .priority(priority)
                .networkPriority(networkPriority);
    }

    /** Fluent construction; unset members stay absent. */
    public static final class Builder {
        private Long ssrc;
        private String rid;
        private Integer codecPayloadType;
        private RtpEncodingRtx rtx;
        private Boolean dtx;
        private String scalabilityMode;
        private Double scaleResolutionDownBy;
        private Long maxBitrate;
        private Double maxFramerate;
        private Boolean adaptivePtime;
        private String priority;
        private String networkPriority;

        private Builder() {}

        public Builder ssrc(Long value) {
            ssrc = value;
            return this;
        }

        public Builder rid(String value) {
            rid = value;
            return this;
        }

        public Builder codecPayloadType(Integer value) {
            codecPayloadType = value;
            return this;
        }

        public Builder rtx(RtpEncodingRtx value) {
            rtx = value;
            return this;
        }

        /** Shorthand for {@code rtx(new RtpEncodingRtx(ssrc))}. */
        public Builder rtxSsrc(long value) {
            rtx = new RtpEncodingRtx(value);
            return this;
        }

        public Builder dtx(Boolean value) {
            dtx = value;
            return this;
        }

        public Builder scalabilityMode(String value) {
            scalabilityMode = value;
            return this;
        }

        public Builder scaleResolutionDownBy(Double value) {
            scaleResolutionDownBy = value;
            return this;
        }

        public Builder maxBitrate(Long value) {
            maxBitrate = value;
            return this;
        }

        public Builder maxFramerate(Double value) {
            maxFramerate = value;
            return this;
        }

        public Builder adaptivePtime(Boolean value) {
            adaptivePtime = value;
            return this;
        }

        public Builder priority(String value) {
            priority = value;
            return this;
        }

        public Builder networkPriority(String value) {
            networkPriority = value;
            return this;
        }

        public RtpEncodingParameters build() {
            return new RtpEncodingParameters(
                    ssrc,
                    rid,
                    codecPayloadType,
                    rtx,
                    dtx,
                    scalabilityMode,
                    scaleResolutionDownBy,
                    maxBitrate,
                    maxFramerate,
                    adaptivePtime,
                    priority,
                    networkPriority);
        }
    }
}
