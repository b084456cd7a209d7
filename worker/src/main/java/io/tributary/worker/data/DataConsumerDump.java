package io.tributary.worker.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tributary.worker.ortc.SctpStreamParameters;
import java.util.List;

/** {@code dataConsumer.dump()}; a direct DataConsumer has no {@code sctpStreamParameters}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataConsumerDump(
        String id,
        String dataProducerId,
        DataType type,
        SctpStreamParameters sctpStreamParameters,
        String label,
        String protocol,
        long bufferedAmountLowThreshold,
        boolean paused,
        boolean dataProducerPaused,
        List<Integer> subchannels) {}
