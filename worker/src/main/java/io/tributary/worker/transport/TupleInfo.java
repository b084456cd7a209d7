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

    /** Describes {@code tuple}; {@code localAddress} is the announced address when there is one. */
    public static TupleInfo of(TransportTuple tuple, String announcedAddress) {
        String localIp = tuple.local().getAddress().getHostAddress();
        return new TupleInfo(localIp, announcedAddress != null ? announcedAddress : localIp, tuple.local().getPort(),
                tuple.remote().getAddress().getHostAddress(), tuple.remote().getPort(), tuple.protocol());
    }
}
