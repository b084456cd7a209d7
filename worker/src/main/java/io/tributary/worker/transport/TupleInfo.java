package io.tributary.worker.transport;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tributary.worker.net.TransportTuple;
import java.net.InetSocketAddress;

/** A tuple as mediasoup reports it ({@code iceSelectedTuple}, {@code tuple}, {@code rtcpTuple}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TupleInfo(
        String localIp,
        String localAddress,
        int localPort,
        String remoteIp,
        Integer remotePort,
        String protocol) {

    /**
     * Describes {@code tuple} as mediasoup does: {@code localAddress} and its deprecated twin {@code localIp}
     * are both the announced address when there is one, else the local IP.
     */
    public static TupleInfo of(TransportTuple tuple, String announcedAddress) {
        String local = announcedAddress != null ? announcedAddress : tuple.local().getAddress().getHostAddress();
        return new TupleInfo(local, local, tuple.local().getPort(),
                tuple.remote().getAddress().getHostAddress(), tuple.remote().getPort(), tuple.protocol());
    }

    /** A UDP socket's tuple as plain and pipe transports report it; {@code remote} is null until connected. */
    public static TupleInfo ofUdp(InetSocketAddress local, InetSocketAddress remote, String announcedAddress) {
        String address = announcedAddress != null ? announcedAddress : local.getAddress().getHostAddress();
        return new TupleInfo(address, address, local.getPort(),
                remote == null ? null : remote.getAddress().getHostAddress(),
                remote == null ? null : remote.getPort(), "udp");
    }
}
