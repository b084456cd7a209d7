package io.tributary.worker.ortc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * mediasoup 3.14's ORTC layer: validation of RTP/SCTP/DTLS JSON and the capability and parameter
 * algorithms of {@code ortc.ts}. Every failure is a {@link io.tributary.worker.errors.MediasoupError}
 * of mediasoup's kind ({@code TypeError}, {@code UnsupportedError}, plain {@code Error}); raw JSON
 * never leaks Jackson or NullPointer exceptions.
 *
 * <p>Algorithms taking records expect validated input (as mediasoup's transports validate first);
 * where mediasoup re-validates capabilities itself, so do these methods.
 */
public final class Ortc {

    private Ortc() {}

    /** Everything mediasoup can route; immutable, so callers cannot alter later results. */
    public static RtpCapabilities getSupportedRtpCapabilities() {
        return SupportedRtpCapabilities.CAPABILITIES;
    }

    public static ScalabilityMode parseScalabilityMode(String scalabilityMode) {
        return ScalabilityMode.parse(scalabilityMode);
    }

    public static RtpCapabilities validateRtpCapabilities(JsonNode caps) {
        return RtpCapabilitiesValidator.validate(caps);
    }

    /** Validates and normalizes a record (channels, parameters, feedback and extension defaults). */
    public static RtpCapabilities validateRtpCapabilities(RtpCapabilities caps) {
        return RtpCapabilitiesValidator.validate(JsValues.MAPPER.valueToTree(caps));
    }

    public static RtpParameters validateRtpParameters(JsonNode params) {
        return RtpParametersValidator.validate(params);
    }

    public static RtpParameters validateRtpParameters(RtpParameters params) {
        return RtpParametersValidator.validate(JsValues.MAPPER.valueToTree(params));
    }

    public static SctpStreamParameters validateSctpStreamParameters(JsonNode params) {
        return SctpParametersValidator.validateStreamParameters(params);
    }

    public static SctpCapabilities validateSctpCapabilities(JsonNode caps) {
        return SctpParametersValidator.validateCapabilities(caps);
    }

    public static NumSctpStreams validateNumSctpStreams(JsonNode numStreams) {
        return SctpParametersValidator.validateNumStreams(numStreams);
    }

    /** Remote DTLS parameters given to {@code connect()}; an absent role stays absent. */
    public static DtlsParameters validateDtlsParameters(JsonNode params) {
        return DtlsParametersValidator.validate(params);
    }

    /** Router capabilities from raw {@code mediaCodecs} JSON; null or missing means none. */
    public static RtpCapabilities generateRouterRtpCapabilities(JsonNode mediaCodecs) {
        return RouterRtpCapabilitiesFactory.generate(mediaCodecs);
    }

    public static RtpCapabilities generateRouterRtpCapabilities(List<RtpCodecCapability> mediaCodecs) {
        return RouterRtpCapabilitiesFactory.generate(mediaCodecs);
    }

    /**
     * Maps a producer onto the router. The returned parameters carry the negotiated H264
     * profile-level-id; use them (not the input) for the producer and its consumable parameters.
     */
    public static ProducerRtpMapping getProducerRtpParametersMapping(RtpParameters params, RtpCapabilities routerCaps) {
        return getProducerRtpParametersMapping(params, routerCaps, SsrcGenerator.random());
    }

    public static ProducerRtpMapping getProducerRtpParametersMapping(
            RtpParameters params, RtpCapabilities routerCaps, SsrcGenerator ssrcs) {
        return ProducerRtpMapper.map(params, routerCaps, ssrcs);
    }

    public static RtpParameters getConsumableRtpParameters(
            MediaKind kind, RtpParameters params, RtpCapabilities routerCaps, RtpMapping rtpMapping) {
        return ProducerRtpMapper.consumable(kind, params, routerCaps, rtpMapping);
    }

    /** Validates the caps first, so invalid caps throw TypeError (Router.canConsume turns that into false). */
    public static boolean canConsume(RtpParameters consumableParams, RtpCapabilities caps) {
        return ConsumerRtpParametersFactory.canConsume(consumableParams, validateRtpCapabilities(caps));
    }

    public static RtpParameters getConsumerRtpParameters(
            RtpParameters consumableParams, RtpCapabilities remoteCaps, boolean pipe, boolean enableRtx) {
        return getConsumerRtpParameters(consumableParams, remoteCaps, pipe, enableRtx, SsrcGenerator.random());
    }

    /** The consumer's parameters, without {@code mid} (the transport assigns it). */
    public static RtpParameters getConsumerRtpParameters(
            RtpParameters consumableParams,
            RtpCapabilities remoteCaps,
            boolean pipe,
            boolean enableRtx,
            SsrcGenerator ssrcs) {
        RtpCapabilities validCaps = validateRtpCapabilities(remoteCaps);
        return ConsumerRtpParametersFactory.consumer(consumableParams, validCaps, pipe, enableRtx, ssrcs);
    }

    public static RtpParameters getPipeConsumerRtpParameters(RtpParameters consumableParams, boolean enableRtx) {
        return getPipeConsumerRtpParameters(consumableParams, enableRtx, SsrcGenerator.random());
    }

    public static RtpParameters getPipeConsumerRtpParameters(
            RtpParameters consumableParams, boolean enableRtx, SsrcGenerator ssrcs) {
        return ConsumerRtpParametersFactory.pipeConsumer(consumableParams, enableRtx, ssrcs);
    }
}
