package io.tributary.worker.transport.webrtc;

import io.tributary.worker.data.TransportSctpOptions;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.transport.TransportListenInfo;
import java.util.List;
import java.util.Map;

/**
 * Options of {@code router.createWebRtcTransport} with mediasoup's defaults: exactly one of a
 * WebRtcServer (shared sockets) or listen infos (sockets of its own).
 */
public record WebRtcTransportOptions(
        WebRtcServer webRtcServer,
        List<TransportListenInfo> listenInfos,
        Boolean enableUdp,
        Boolean enableTcp,
        boolean preferUdp,
        boolean preferTcp,
        int initialAvailableOutgoingBitrate,
        int iceConsentTimeout,
        Map<String, Object> appData,
        TransportSctpOptions sctp) {

    public static final int DEFAULT_INITIAL_AVAILABLE_OUTGOING_BITRATE = 600_000;
    public static final int DEFAULT_ICE_CONSENT_TIMEOUT = 30;

    public WebRtcTransportOptions {
        listenInfos = listenInfos == null ? null : List.copyOf(listenInfos);
        appData = appData == null ? Map.of() : appData;
        sctp = sctp == null ? TransportSctpOptions.DISABLED : sctp;
    }

    public static WebRtcTransportOptions withServer(WebRtcServer server) {
        return new WebRtcTransportOptions(server, null, null, null, false, false,
                DEFAULT_INITIAL_AVAILABLE_OUTGOING_BITRATE, DEFAULT_ICE_CONSENT_TIMEOUT, null, null);
    }

    public static WebRtcTransportOptions withListenInfos(List<TransportListenInfo> infos) {
        return new WebRtcTransportOptions(null, infos, null, null, false, false,
                DEFAULT_INITIAL_AVAILABLE_OUTGOING_BITRATE, DEFAULT_ICE_CONSENT_TIMEOUT, null, null);
    }

    public WebRtcTransportOptions withProtocols(boolean udp, boolean tcp, boolean preferUdpValue, boolean preferTcpValue) {
        return new WebRtcTransportOptions(webRtcServer, listenInfos, udp, tcp, preferUdpValue, preferTcpValue,
                initialAvailableOutgoingBitrate, iceConsentTimeout, appData, sctp);
    }

    public WebRtcTransportOptions withIceConsentTimeout(int seconds) {
        return new WebRtcTransportOptions(webRtcServer, listenInfos, enableUdp, enableTcp, preferUdp, preferTcp,
                initialAvailableOutgoingBitrate, seconds, appData, sctp);
    }

    public WebRtcTransportOptions withAppData(Map<String, Object> data) {
        return new WebRtcTransportOptions(webRtcServer, listenInfos, enableUdp, enableTcp, preferUdp, preferTcp,
                initialAvailableOutgoingBitrate, iceConsentTimeout, data, sctp);
    }

    /** {@code enableSctp}, {@code numSctpStreams}, {@code maxSctpMessageSize}, {@code sctpSendBufferSize}. */
    public WebRtcTransportOptions withSctp(TransportSctpOptions value) {
        return new WebRtcTransportOptions(webRtcServer, listenInfos, enableUdp, enableTcp, preferUdp, preferTcp,
                initialAvailableOutgoingBitrate, iceConsentTimeout, appData, value);
    }

    /** UDP is on unless disabled; TCP is on by default only with a WebRtcServer, as in mediasoup. */
    public boolean udpEnabled() {
        return enableUdp == null || enableUdp;
    }

    public boolean tcpEnabled() {
        return enableTcp != null ? enableTcp : webRtcServer != null;
    }

    void validate() {
        if (webRtcServer == null && listenInfos == null) {
            throw new TypeError("missing webRtcServer, listenInfos and listenIps (one of them is mandatory)");
        }
        if (webRtcServer != null && listenInfos != null) {
            throw new TypeError("only one of webRtcServer, listenInfos and listenIps must be given");
        }
        if (listenInfos != null) {
            if (listenInfos.isEmpty()) {
                throw new TypeError("empty listenInfos array provided");
            }
            listenInfos.forEach(TransportListenInfo::validate);
        }
        sctp.validate();
        // Only a WebRtcServer's sockets are chosen by protocol; listen infos are all used.
        if (webRtcServer != null && !udpEnabled() && !tcpEnabled()) {
            throw new TypeError("at least one of enableUdp and enableTcp must be true");
        }
    }
}
