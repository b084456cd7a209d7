package io.tributary.pipe.control;

/** The answer to {@link CreateTransport}: the new transport, the node that holds it, and its endpoint. */
public record TransportCreated(String transportId, NodeIdentity node, PipeEndpoint endpoint) {
}
