package io.tributary.pipe;

import io.tributary.pipe.control.RemoteNode;
import io.tributary.worker.consumer.Consumer;

/**
 * What piping a producer to another node gives, as pipeToRouter's {@code {pipeConsumer, pipeProducer}}:
 * the pipe consumer here, and where its piped producer (same id) lives. Closing the pipe consumer closes
 * the piped producer there.
 */
public record RemotePipe(Consumer pipeConsumer, RemoteNode remote, String remoteRouterKey, String transportId,
                         String remoteTransportId) {

    public String producerId() {
        return pipeConsumer.producerId();
    }
}
