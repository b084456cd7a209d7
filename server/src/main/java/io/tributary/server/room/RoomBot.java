package io.tributary.server.room;

import io.tributary.worker.data.DataConsumer;
import io.tributary.worker.data.DataConsumerOptions;
import io.tributary.worker.data.DataProducer;
import io.tributary.worker.data.DataProducerOptions;
import io.tributary.worker.router.Router;
import io.tributary.worker.transport.direct.DirectTransport;
import io.vertx.core.Future;
import java.util.Map;

/**
 * The demo's room bot: a DataProducer on a DirectTransport that every joiner consumes, and that
 * answers what peers write on their own 'bot' DataChannel with "{name} said me: "{text}"".
 */
final class RoomBot {

    /** The demo's DirectTransport size: bot messages are short. */
    private static final int MAX_MESSAGE_SIZE = 512;
    private static final int PPID_STRING = 51;

    private final DirectTransport transport;
    private final DataProducer dataProducer;

    private RoomBot(DirectTransport transport, DataProducer dataProducer) {
        this.transport = transport;
        this.dataProducer = dataProducer;
    }

    static Future<RoomBot> create(Router router, RoomContext context) {
        return context.back(router.createDirectTransport(MAX_MESSAGE_SIZE, Map.of()))
                .compose(transport -> context.back(transport.produceData(DataProducerOptions.direct().withLabel("bot")))
                        .map(producer -> new RoomBot(transport, producer)));
    }

    DataProducer dataProducer() {
        return dataProducer;
    }

    /** A peer produced data labelled 'bot': the bot consumes it (done when the Future is) and replies to its text. */
    Future<Void> handlePeerDataProducer(DataProducer peerProducer, RoomPeer peer, RoomContext context) {
        return context.back(transport.consumeData(DataConsumerOptions.of(peerProducer.id()))).map(consumer -> {
            consumer.events().on(DataConsumer.MESSAGE, message -> context.run(() -> {
                if (message.ppid() != PPID_STRING) {
                    return; // as the demo: the bot only reads text
                }
                dataProducer.send(peer.displayName + " said me: \"" + message.text() + "\"");
            }));
            return null;
        });
    }
}
