package io.tributary.worker.consumer;

import com.fasterxml.jackson.annotation.JsonInclude;

/** mediasoup's {@code ConsumerLayers}: a spatial layer and an optional temporal layer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsumerLayers(int spatialLayer, Integer temporalLayer) {
}
