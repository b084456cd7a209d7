package io.tributary.worker.transport.webrtc;

import io.tributary.worker.errors.TypeError;
import io.tributary.worker.ortc.IceCandidate;
import io.tributary.worker.ortc.IceCandidateTcpType;
import io.tributary.worker.ortc.IceCandidateType;
import io.tributary.worker.ortc.TransportProtocol;
import java.util.ArrayList;
import java.util.List;

/** The host candidates of a transport, with mediasoup's priorities so their order is the listen order. */
final class IceCandidates {

    private static final int START_LOCAL_PREFERENCE = 10000;
    private static final int LOCAL_PREFERENCE_STEP = 100;
    private static final int PREFERRED_PROTOCOL_BONUS = 1000;

    private IceCandidates() {
    }

    /** RFC 8445 priority with type preference 64 (host) and component 1. */
    static long priority(int localPreference) {
        return (1L << 24) * 64 + (1L << 8) * localPreference + 255;
    }

    /**
     * As mediasoup's worker: with its own listen infos a transport gets one candidate per listen info
     * (enableUdp/enableTcp and preferUdp/preferTcp play no part); with a WebRtcServer it gets the server's
     * sockets of the enabled protocols, the preferred protocol 1000 higher. The local preference drops by
     * 100 for each listen info, used or not.
     */
    static List<IceCandidate> of(List<MediaSockets.Bound> bound, WebRtcTransportOptions options) {
        boolean server = options.webRtcServer() != null;
        List<IceCandidate> candidates = new ArrayList<>();
        int localPreference = START_LOCAL_PREFERENCE;
        for (MediaSockets.Bound b : bound) {
            boolean udp = b.protocol() == TransportProtocol.UDP;
            int preference = localPreference;
            localPreference -= LOCAL_PREFERENCE_STEP;
            if (server && ((udp && !options.udpEnabled()) || (!udp && !options.tcpEnabled()))) {
                continue;
            }
            if (server && ((udp && options.preferUdp()) || (!udp && options.preferTcp()))) {
                preference += PREFERRED_PROTOCOL_BONUS;
            }
            String address = b.info().effectiveAddress();
            candidates.add(new IceCandidate(udp ? "udpcandidate" : "tcpcandidate", priority(preference), address,
                    address, b.protocol(), b.port(), IceCandidateType.HOST, udp ? null : IceCandidateTcpType.PASSIVE));
        }
        if (candidates.isEmpty()) {
            throw new TypeError("empty iceCandidates");
        }
        return candidates;
    }
}
