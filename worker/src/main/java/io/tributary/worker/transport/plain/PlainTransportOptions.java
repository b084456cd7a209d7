package io.tributary.worker.transport.plain;

import io.tributary.worker.data.TransportSctpOptions;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.ortc.TransportProtocol;
import io.tributary.worker.srtp.SrtpProfile;
import io.tributary.worker.transport.SrtpParameters;
import io.tributary.worker.transport.TransportListenInfo;
import java.util.Map;

/** Options of {@code router.createPlainTransport} with mediasoup's defaults. */
public record PlainTransportOptions(
        TransportListenInfo listenInfo,
        TransportListenInfo rtcpListenInfo,
        boolean rtcpMux,
        boolean comedia,
        boolean enableSrtp,
        String srtpCryptoSuite,
        Map<String, Object> appData,
        TransportSctpOptions sctp) {

    public PlainTransportOptions {
        srtpCryptoSuite = srtpCryptoSuite == null ? SrtpProfile.AES_CM_128_HMAC_SHA1_80.cryptoSuite() : srtpCryptoSuite;
        appData = appData == null ? Map.of() : appData;
        sctp = sctp == null ? TransportSctpOptions.DISABLED : sctp;
        // A separate RTCP socket means RTCP is not multiplexed, whatever was asked.
        rtcpMux = rtcpListenInfo == null && rtcpMux;
    }

    public static PlainTransportOptions of(TransportListenInfo listenInfo) {
        return new PlainTransportOptions(listenInfo, null, true, false, false, null, null, null);
    }

    public PlainTransportOptions withComedia(boolean value) {
        return new PlainTransportOptions(listenInfo, rtcpListenInfo, rtcpMux, value, enableSrtp, srtpCryptoSuite, appData, sctp);
    }

    public PlainTransportOptions withRtcpMux(boolean value) {
        return new PlainTransportOptions(listenInfo, rtcpListenInfo, value, comedia, enableSrtp, srtpCryptoSuite, appData, sctp);
    }

    public PlainTransportOptions withSrtp(String cryptoSuite) {
        return new PlainTransportOptions(listenInfo, rtcpListenInfo, rtcpMux, comedia, true, cryptoSuite, appData, sctp);
    }

    public PlainTransportOptions withAppData(Map<String, Object> data) {
        return new PlainTransportOptions(listenInfo, rtcpListenInfo, rtcpMux, comedia, enableSrtp, srtpCryptoSuite, data, sctp);
    }

    /** {@code enableSctp}, {@code numSctpStreams}, {@code maxSctpMessageSize}, {@code sctpSendBufferSize}: SCTP straight over UDP. */
    public PlainTransportOptions withSctp(TransportSctpOptions value) {
        return new PlainTransportOptions(listenInfo, rtcpListenInfo, rtcpMux, comedia, enableSrtp, srtpCryptoSuite, appData,
                value);
    }

    void validate() {
        if (listenInfo == null) {
            throw new TypeError("missing listenInfo and listenIp (one of them is mandatory)");
        }
        listenInfo.validate();
        if (listenInfo.protocol() != TransportProtocol.UDP) {
            throw new TypeError("only UDP is supported in a PlainTransport listenInfo");
        }
        if (rtcpListenInfo != null) {
            rtcpListenInfo.validate();
            if (rtcpListenInfo.protocol() != TransportProtocol.UDP) {
                throw new TypeError("only UDP is supported in a PlainTransport rtcpListenInfo");
            }
        }
        sctp.validate();
        if (enableSrtp) {
            new SrtpParameters(srtpCryptoSuite, null).profile();
        }
    }
}
