package io.tributary.client.media;

import io.tributary.worker.ortc.DtlsParameters;
import io.tributary.worker.ortc.IceCandidate;
import io.tributary.worker.ortc.IceParameters;
import io.tributary.worker.ortc.SctpParameters;
import io.tributary.worker.ortc.TransportProtocol;
import java.net.InetSocketAddress;
import java.util.Comparator;
import java.util.List;

/**
 * What {@code router.createWebRtcTransport()} returns that the peer needs: ICE and DTLS parameters,
 * candidates, and {@code sctpParameters} when the transport carries DataChannels (else null).
 */
public record RemoteTransport(IceParameters iceParameters, List<IceCandidate> iceCandidates,
                              DtlsParameters dtlsParameters, SctpParameters sctpParameters) {

    public RemoteTransport {
        iceCandidates = List.copyOf(iceCandidates);
    }

    /** A transport without SCTP. */
    public RemoteTransport(IceParameters iceParameters, List<IceCandidate> iceCandidates,
                           DtlsParameters dtlsParameters) {
        this(iceParameters, iceCandidates, dtlsParameters, null);
    }

    /** The highest-priority candidate of {@code protocol}; throws when the transport offers none. */
    public IceCandidate candidate(TransportProtocol protocol) {
        return iceCandidates.stream()
                .filter(c -> c.protocol() == protocol)
                .max(Comparator.comparingLong(IceCandidate::priority))
                .orElseThrow(() -> new MediaPeerException("the transport offers no " + protocol + " candidate among "
                        + iceCandidates));
    }

    /** A candidate's address ({@code address}, else the deprecated {@code ip}) and port. */
    public static InetSocketAddress addressOf(IceCandidate candidate) {
        String host = candidate.address() != null ? candidate.address() : candidate.ip();
        return new InetSocketAddress(host, candidate.port());
    }
}
