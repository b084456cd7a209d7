package io.tributary.worker.data;

import io.tributary.worker.errors.TypeError;
import io.tributary.worker.ortc.SctpStreamParameters;
import java.util.List;
import java.util.Map;

/**
 * Options of {@code transport.consumeData()}: {@code ordered}, {@code maxPacketLifeTime} and
 * {@code maxRetransmits} override the DataProducer's stream parameters when given (SCTP only);
 * {@code subchannels} are stored as a uint16 set.
 */
public record DataConsumerOptions(
        String dataProducerId,
        Boolean ordered,
        Integer maxPacketLifeTime,
        Integer maxRetransmits,
        boolean paused,
        List<? extends Number> subchannels,
        Map<String, Object> appData) {

    public DataConsumerOptions {
        appData = appData == null ? Map.of() : appData;
    }

    public static DataConsumerOptions of(String dataProducerId) {
        return new DataConsumerOptions(dataProducerId, null, null, null, false, null, null);
    }

    public DataConsumerOptions withOrdered(Boolean value) {
        return new DataConsumerOptions(dataProducerId, value, maxPacketLifeTime, maxRetransmits, paused, subchannels, appData);
    }

    public DataConsumerOptions withMaxPacketLifeTime(Integer value) {
        return new DataConsumerOptions(dataProducerId, ordered, value, maxRetransmits, paused, subchannels, appData);
    }

    public DataConsumerOptions withMaxRetransmits(Integer value) {
        return new DataConsumerOptions(dataProducerId, ordered, maxPacketLifeTime, value, paused, subchannels, appData);
    }

    public DataConsumerOptions withPaused(boolean value) {
        return new DataConsumerOptions(dataProducerId, ordered, maxPacketLifeTime, maxRetransmits, value, subchannels, appData);
    }

    public DataConsumerOptions withSubchannels(List<? extends Number> value) {
        return new DataConsumerOptions(dataProducerId, ordered, maxPacketLifeTime, maxRetransmits, paused, value, appData);
    }

    public DataConsumerOptions withAppData(Map<String, Object> value) {
        return new DataConsumerOptions(dataProducerId, ordered, maxPacketLifeTime, maxRetransmits, paused, subchannels, value);
    }

    /**
     * The consumer's stream, but for its id (0 here; the transport allocates it): the producer's parameters
     * (none for a direct producer) with these overrides, checked as mediasoup's worker checks them; a
     * partial-reliability limit without an explicit {@code ordered} makes the stream unordered.
     */
    SctpStreamParameters streamParameters(SctpStreamParameters producer) {
        Boolean givenOrdered = ordered != null ? ordered : producer != null ? producer.ordered() : null;
        Integer lifeTime = maxPacketLifeTime != null ? maxPacketLifeTime
                : producer != null ? producer.maxPacketLifeTime() : null;
        Integer retransmits = maxRetransmits != null ? maxRetransmits : producer != null ? producer.maxRetransmits() : null;
        boolean partiallyReliable = nonZero(lifeTime) || nonZero(retransmits);
        if (nonZero(lifeTime) && nonZero(retransmits)) {
            throw new TypeError("cannot provide both maxPacketLifeTime and maxRetransmits");
        }
        if (Boolean.TRUE.equals(givenOrdered) && partiallyReliable) {
            throw new TypeError("cannot be ordered with maxPacketLifeTime or maxRetransmits");
        }
        boolean isOrdered = givenOrdered != null ? givenOrdered : !partiallyReliable;
        return new SctpStreamParameters(0, isOrdered, lifeTime, retransmits);
    }

    private static boolean nonZero(Integer value) {
        return value != null && value != 0;
    }
}
