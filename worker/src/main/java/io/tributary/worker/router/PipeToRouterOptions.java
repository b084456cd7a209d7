package io.tributary.worker.router;

import io.tributary.worker.errors.TypeError;
import io.tributary.worker.ortc.NumSctpStreams;
import io.tributary.worker.transport.TransportListenInfo;
import io.tributary.worker.transport.pipe.PipeTransportOptions;

/**
 * Options of {@code router.pipeToRouter()}: one of {@code producerId} or {@code dataProducerId}, the
 * destination router, and, for the pipe transport pair if it has to be created, where it listens
 * (default UDP on 127.0.0.1), SCTP (on by default here), RTX and SRTP.
 */
public record PipeToRouterOptions(
        String producerId,
        String dataProducerId,
        Router router,
        TransportListenInfo listenInfo,
        ListenIp listenIp,
        boolean enableSctp,
        NumSctpStreams numSctpStreams,
        boolean enableRtx,
        boolean enableSrtp) {

    /** mediasoup's deprecated {@code listenIp}: an IP and the address to announce instead, if any. */
    public record ListenIp(String ip, String announcedIp) {
    }

    private static final TransportListenInfo DEFAULT_LISTEN_INFO = TransportListenInfo.udp("127.0.0.1", 0);

    public static PipeToRouterOptions producer(String producerId, Router router) {
        return new PipeToRouterOptions(producerId, null, router, null, null, true, null, false, false);
    }

    public static PipeToRouterOptions dataProducer(String dataProducerId, Router router) {
        return new PipeToRouterOptions(null, dataProducerId, router, null, null, true, null, false, false);
    }

    public PipeToRouterOptions withListenInfo(TransportListenInfo info) {
        return new PipeToRouterOptions(producerId, dataProducerId, router, info, listenIp, enableSctp, numSctpStreams,
                enableRtx, enableSrtp);
    }

    public PipeToRouterOptions withListenIp(ListenIp ip) {
        return new PipeToRouterOptions(producerId, dataProducerId, router, listenInfo, ip, enableSctp, numSctpStreams,
                enableRtx, enableSrtp);
    }

    public PipeToRouterOptions withRtx(boolean enable) {
        return new PipeToRouterOptions(producerId, dataProducerId, router, listenInfo, listenIp, enableSctp,
                numSctpStreams, enable, enableSrtp);
    }

    public PipeToRouterOptions withSrtp(boolean enable) {
        return new PipeToRouterOptions(producerId, dataProducerId, router, listenInfo, listenIp, enableSctp,
                numSctpStreams, enableRtx, enable);
    }

    /** mediasoup's checks and texts, in its order. */
    void validate(Router self) {
        if (listenInfo != null && listenIp != null) {
            throw new TypeError("only one of listenInfo and listenIp must be given");
        }
        if (producerId == null && dataProducerId == null) {
            throw new TypeError("missing producerId or dataProducerId");
        }
        if (producerId != null && dataProducerId != null) {
            throw new TypeError("just producerId or dataProducerId can be given");
        }
        if (router == null) {
            throw new TypeError("Router not found");
        }
        if (router == self) {
            throw new TypeError("cannot use this Router as destination");
        }
    }

    /** The options both transports of a new pair get. */
    PipeTransportOptions pipeTransportOptions() {
        TransportListenInfo listen = listenInfo != null ? listenInfo
                : listenIp != null ? TransportListenInfo.udp(listenIp.ip(), 0).withAnnouncedAddress(listenIp.announcedIp())
                : DEFAULT_LISTEN_INFO;
        return PipeTransportOptions.of(listen).withSctp(enableSctp, numSctpStreams).withRtx(enableRtx)
                .withSrtp(enableSrtp);
    }
}
