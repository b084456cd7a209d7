package io.tributary.worker.router;

import io.tributary.worker.data.DataConsumer;
import io.tributary.worker.data.DataProducer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A DataProducer and the DataConsumers its messages go to; iterated by index so forwarding allocates nothing. */
final class DataProducerRoute implements DataProducer.MessageSink {

    final DataProducer producer;
    final ArrayList<DataConsumer> consumers = new ArrayList<>();

    DataProducerRoute(DataProducer producer) {
        this.producer = producer;
    }

    @Override
    public void onDataProducerMessage(DataProducer p, int ppid, byte[] buf, int off, int len,
                                      int[] subchannels, int requiredSubchannel) {
        for (int i = 0; i < consumers.size(); i++) {
            consumers.get(i).deliver(ppid, buf, off, len, subchannels, requiredSubchannel);
        }
    }

    void each(Consumer<DataConsumer> action) {
        List.copyOf(consumers).forEach(action);
    }

    List<String> consumerIds() {
        return consumers.stream().map(DataConsumer::id).toList();
    }
}
