package io.tributary.worker.router;

import java.util.List;

/** {@code router.dump()} as mediasoup shapes it. */
public record RouterDump(
        String id,
        List<String> transportIds,
        List<String> rtpObserverIds,
        List<KeyValues> mapProducerIdConsumerIds,
        List<KeyValue> mapConsumerIdProducerId,
        List<KeyValues> mapProducerIdObserverIds,
        List<KeyValues> mapDataProducerIdDataConsumerIds,
        List<KeyValue> mapDataConsumerIdDataProducerId) {

    public record KeyValues(String key, List<String> values) {
    }

    public record KeyValue(String key, String value) {
    }
}
