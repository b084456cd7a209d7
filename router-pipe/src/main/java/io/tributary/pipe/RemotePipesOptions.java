package io.tributary.pipe;

import io.tributary.pipe.control.RequestSigner;
import io.tributary.worker.data.TransportSctpOptions;
import io.tributary.worker.transport.TransportListenInfo;
import io.tributary.worker.transport.pipe.PipeTransportOptions;

/**
 * One node's settings for pipes to other nodes: who it is and where its control API is, the cluster
 * secret, where its pipe transports listen (announced address included), SRTP (on by default across
 * nodes) and RTX, and the timing of calls and liveness.
 */
public record RemotePipesOptions(
        String nodeId,
        String controlUrl,
        String secret,
        TransportListenInfo listenInfo,
        boolean enableSrtp,
        boolean enableRtx,
        long callTimeoutMs,
        long pingIntervalMs,
        long deadAfterMs,
        long maxClockSkewMs) {

    public static final long DEFAULT_CALL_TIMEOUT_MS = 5000;
    public static final long DEFAULT_PING_INTERVAL_MS = 1000;
    public static final long DEFAULT_DEAD_AFTER_MS = 5000;

    public RemotePipesOptions {
        if (nodeId == null || nodeId.isEmpty()) {
            throw new IllegalArgumentException("missing nodeId");
        }
        if (listenInfo == null) {
            throw new IllegalArgumentException("missing listenInfo for pipe transports");
        }
        if (callTimeoutMs <= 0 || pingIntervalMs <= 0 || deadAfterMs < pingIntervalMs) {
            throw new IllegalArgumentException("timeouts must be positive, deadAfterMs at least pingIntervalMs");
        }
    }

    /** Defaults: pipes on UDP 127.0.0.1, SRTP on, RTX off, 5 s calls, pings every 1 s, dead after 5 s. */
    public static RemotePipesOptions of(String nodeId, String controlUrl, String secret) {
        return new RemotePipesOptions(nodeId, controlUrl, secret, TransportListenInfo.udp("127.0.0.1", 0), true, false,
                DEFAULT_CALL_TIMEOUT_MS, DEFAULT_PING_INTERVAL_MS, DEFAULT_DEAD_AFTER_MS,
                RequestSigner.DEFAULT_MAX_SKEW_MS);
    }

    public RemotePipesOptions withControlUrl(String url) {
        return new RemotePipesOptions(nodeId, url, secret, listenInfo, enableSrtp, enableRtx, callTimeoutMs,
                pingIntervalMs, deadAfterMs, maxClockSkewMs);
    }

    public RemotePipesOptions withListenInfo(TransportListenInfo info) {
        return new RemotePipesOptions(nodeId, controlUrl, secret, info, enableSrtp, enableRtx, callTimeoutMs,
                pingIntervalMs, deadAfterMs, maxClockSkewMs);
    }

    public RemotePipesOptions withSrtp(boolean enable) {
        return new RemotePipesOptions(nodeId, controlUrl, secret, listenInfo, enable, enableRtx, callTimeoutMs,
                pingIntervalMs, deadAfterMs, maxClockSkewMs);
    }

    public RemotePipesOptions withRtx(boolean enable) {
        return new RemotePipesOptions(nodeId, controlUrl, secret, listenInfo, enableSrtp, enable, callTimeoutMs,
                pingIntervalMs, deadAfterMs, maxClockSkewMs);
    }

    public RemotePipesOptions withTimeouts(long callMs, long pingIntervalMs, long deadAfterMs) {
        return new RemotePipesOptions(nodeId, controlUrl, secret, listenInfo, enableSrtp, enableRtx, callMs,
                pingIntervalMs, deadAfterMs, maxClockSkewMs);
    }

    /**
     * The options of a pipe transport of a pair, with this node's listen address and the pair's SRTP and RTX;
     * SCTP is always on (mediasoup's pipe defaults), so DataProducers can be piped over any pair.
     */
    PipeTransportOptions pipeTransportOptions(boolean srtp, boolean rtx) {
        return PipeTransportOptions.of(listenInfo).withSctp(TransportSctpOptions.pipeDefaults().withEnableSctp(true))
                .withSrtp(srtp).withRtx(rtx);
    }
}
