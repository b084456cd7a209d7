package io.tributary.pipe.control;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tributary.worker.transport.SrtpParameters;

/** Where a pipe transport listens and, with SRTP, the key it sends under: what the other end connects to. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PipeEndpoint(String ip, Integer port, SrtpParameters srtpParameters) {
}
