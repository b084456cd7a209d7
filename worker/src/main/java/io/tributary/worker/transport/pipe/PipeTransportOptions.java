package io.tributary.worker.transport.pipe;

import io.tributary.worker.errors.TypeError;
import io.tributary.worker.ortc.NumSctpStreams;
import io.tributary.worker.ortc.TransportProtocol;
import io.tributary.worker.transport.IpLiterals;
import io.tributary.worker.transport.TransportListenInfo;
import java.util.Map;

/**
 * Options of {@code router.createPipeTransport} with mediasoup's defaults: no SCTP (1024/1024 streams,
 * 256 MiB message and send-buffer sizes when enabled), no RTX, no SRTP.
 */
public record PipeTransportOptions(
        TransportListenInfo listenInfo,
        boolean enableSctp,
        NumSctpStreams numSctpStreams,
        long maxSctpMessageSize,
        long sctpSendBufferSize,
        boolean enableRtx,
        boolean enableSrtp,
        Map<String, Object> appData) {

    public static final NumSctpStreams DEFAULT_NUM_SCTP_STREAMS = new NumSctpStreams(1024, 1024);
    public static final long DEFAULT_SCTP_SIZE = 268_435_456L;

    public PipeTransportOptions {
        numSctpStreams = numSctpStreams == null ? DEFAULT_NUM_SCTP_STREAMS : numSctpStreams;
        appData = appData == null ? Map.of() : appData;
    }

    public static PipeTransportOptions of(TransportListenInfo listenInfo) {
        return new PipeTransportOptions(listenInfo, false, null, DEFAULT_SCTP_SIZE, DEFAULT_SCTP_SIZE, false, false, null);
    }

    /** mediasoup's deprecated {@code listenIp: {ip, announcedIp}}: a UDP listen info on any free port. */
    public static PipeTransportOptions ofListenIp(String ip, String announcedIp) {
        return of(TransportListenInfo.udp(ip, 0).withAnnouncedAddress(announcedIp));
    }

    public PipeTransportOptions withSctp(boolean enable, NumSctpStreams streams) {
        return new PipeTransportOptions(listenInfo, enable, streams, maxSctpMessageSize, sctpSendBufferSize, enableRtx,
                enableSrtp, appData);
    }

    public PipeTransportOptions withRtx(boolean enable) {
        return new PipeTransportOptions(listenInfo, enableSctp, numSctpStreams, maxSctpMessageSize, sctpSendBufferSize,
                enable, enableSrtp, appData);
    }

    public PipeTransportOptions withSrtp(boolean enable) {
        return new PipeTransportOptions(listenInfo, enableSctp, numSctpStreams, maxSctpMessageSize, sctpSendBufferSize,
                enableRtx, enable, appData);
    }

    public PipeTransportOptions withAppData(Map<String, Object> data) {
        return new PipeTransportOptions(listenInfo, enableSctp, numSctpStreams, maxSctpMessageSize, sctpSendBufferSize,
                enableRtx, enableSrtp, data);
    }

    void validate() {
        if (listenInfo == null) {
            throw new TypeError("missing listenInfo and listenIp (one of them is mandatory)");
        }
        listenInfo.validate();
        if (listenInfo.protocol() != TransportProtocol.UDP) {
            throw new TypeError("unsupported listen protocol");
        }
        IpLiterals.parse(listenInfo.ip());
        if (numSctpStreams.os() < 1 || numSctpStreams.mis() < 1) {
            throw new TypeError("if given, numSctpStreams must contain OS and MIS");
        }
        if (maxSctpMessageSize < 1 || sctpSendBufferSize < 1) {
            throw new TypeError("maxSctpMessageSize and sctpSendBufferSize must be positive");
        }
    }
}
