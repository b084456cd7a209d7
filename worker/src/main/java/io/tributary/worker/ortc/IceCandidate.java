package io.tributary.worker.ortc;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A local ICE candidate as mediasoup reports it. {@code ip} is the deprecated twin of
 * {@code address}; clients use {@code address ?? ip}. {@code tcpType} is set only for TCP.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record IceCandidate(
        String foundation,
        long priority,
        String ip,
        String address,
        TransportProtocol protocol,
        int port,
        IceCandidateType type,
        IceCandidateTcpType tcpType) {}
