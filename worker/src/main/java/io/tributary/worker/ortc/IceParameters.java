package io.tributary.worker.ortc;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** ICE credentials; mediasoup servers always report {@code iceLite: true}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record IceParameters(String usernameFragment, String password, Boolean iceLite) {}
