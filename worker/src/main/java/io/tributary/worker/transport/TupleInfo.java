package io.tributary.worker.transport;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tributary.worker.net.TransportTuple;

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
}
