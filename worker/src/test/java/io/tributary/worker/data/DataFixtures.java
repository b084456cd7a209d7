package io.tributary.worker.data;

import static io.tributary.worker.Await.result;

import io.tributary.worker.router.Router;
import io.tributary.worker.transport.TransportListenInfo;
import io.tributary.worker.transport.webrtc.WebRtcTransport;
import io.tributary.worker.transport.webrtc.WebRtcTransportOptions;
import java.util.List;

/** Transports of the data tests: mediasoup's {@code listenIps: ['127.0.0.1']}, with or without {@code enableSctp}. */
final class DataFixtures {

    private DataFixtures() {
    }

    static WebRtcTransportOptions loopbackOptions() {
        return WebRtcTransportOptions.withListenInfos(List.of(TransportListenInfo.udp("127.0.0.1", 0)));
    }

    static WebRtcTransport sctpTransport(Router router) {
        return result(router.createWebRtcTransport(loopbackOptions().withSctp(TransportSctpOptions.enabled())));
    }
}
