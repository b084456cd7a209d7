package io.tributary.worker.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tributary.worker.ortc.SctpStreamParameters;

/** {@code dataProducer.dump()}; a direct DataProducer has no {@code sctpStreamParameters}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataProducerDump(
        String id, DataType type, SctpStreamParameters sctpStreamParameters, String label, String protocol, boolean paused) {}
