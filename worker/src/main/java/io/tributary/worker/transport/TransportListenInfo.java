package io.tributary.worker.transport;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.ortc.TransportProtocol;

/**
 * Where a transport or WebRtcServer listens (mediasoup's {@code TransportListenInfo}): protocol, local
 * IP, optional announced address (IP or host name) and a fixed port or a port range.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TransportListenInfo(
        TransportProtocol protocol,
        String ip,
        String announcedAddress,
        Integer port,
        PortRange portRange) {

    public record PortRange(int min, int max) {
    }

    public static TransportListenInfo udp(String ip, int port) {
        return new TransportListenInfo(TransportProtocol.UDP, ip, null, port, null);
    }

    public static TransportListenInfo tcp(String ip, int port) {
        return new TransportListenInfo(TransportProtocol.TCP, ip, null, port, null);
    }

    public TransportListenInfo withAnnouncedAddress(String address) {
        return new TransportListenInfo(protocol, ip, address, port, portRange);
    }

    /** The address put in candidates and tuples: the announced one, else the listening IP. */
    public String effectiveAddress() {
        return announcedAddress != null ? announcedAddress : ip;
    }

    public void validate() {
        if (protocol == null) {
            throw new TypeError("missing listenInfo.protocol");
        }
        if (ip == null || ip.isEmpty()) {
            throw new TypeError("missing listenInfo.ip");
        }
        if (port != null && (port < 0 || port > 65535)) {
            throw new TypeError("invalid listenInfo.port " + port);
        }
        if (portRange != null && (portRange.min() < 1 || portRange.max() > 65535 || portRange.min() > portRange.max())) {
            throw new TypeError("invalid listenInfo.portRange [min:" + portRange.min() + ", max:" + portRange.max() + "]");
        }
    }
}
