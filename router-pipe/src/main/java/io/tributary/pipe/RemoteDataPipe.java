package io.tributary.pipe;

import io.tributary.pipe.control.RemoteNode;
import io.tributary.worker.data.DataConsumer;

/**
 * What piping a DataProducer to another node gives, as pipeToRouter's {@code {pipeDataConsumer,
 * pipeDataProducer}}: the pipe DataConsumer here, and where its piped DataProducer (same id) lives.
 * Closing the pipe DataConsumer closes the piped DataProducer there.
 */
public record RemoteDataPipe(DataConsumer pipeDataConsumer, RemoteNode remote, String remoteRouterKey,
                             String transportId, String remoteTransportId) {

    public String dataProducerId() {
        return pipeDataConsumer.dataProducerId();
    }
}
