package io.tributary.pipe.control;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Create a pipe transport on the router known as {@code routerKey}, paired with the origin's transport
 * {@code originTransportId} on its router {@code originRouterKey}; {@code connect}, if given, connects
 * it to the origin's endpoint at once (saves a round trip).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateTransport(
        String routerKey,
        NodeIdentity origin,
        String originRouterKey,
        String originTransportId,
        boolean enableRtx,
        boolean enableSrtp,
        PipeEndpoint connect) {
}
