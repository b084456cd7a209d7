package io.tributary.server.room;

import static io.tributary.client.room.RoomParticipant.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.client.media.data.DataChannel;
import io.tributary.client.media.data.DataMessage;
import io.tributary.client.room.RoomParticipant;
import io.tributary.server.FreePorts;
import io.tributary.server.config.ServerConfig;
import io.tributary.server.node.StandaloneNode;
import io.tributary.worker.sctp.SctpAssociation.SendResult;
import io.tributary.worker.sctp.SctpReliability;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The demo's DataChannels end to end over real SCTP/DTLS: chat between peers, the bot's answers, dataConsumerClosed. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RoomDataChannelsIT {

    /** The demo's chat and bot channels: unordered, limited lifetime. */
    private static final SctpReliability UNRELIABLE = new SctpReliability(false, -1, 2000);

    private StandaloneNode node;
    private final Vertx clients = Vertx.vertx();

    @BeforeEach
    void start() throws Exception {
        node = StandaloneNode.start(new ServerConfig("127.0.0.1", FreePorts.tcp(), FreePorts.tcpPair(), 2, null))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        clients.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        node.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void chatReachesTheOtherPeerAndTheBotAnswersEveryone() {
        try (RoomParticipant alice = new RoomParticipant(clients, node.httpPort(), "data", "alice");
             RoomParticipant bob = new RoomParticipant(clients, node.httpPort(), "data", "bob")) {
            alice.join("Alice", true);
            DataChannel aliceChat = alice.produceData("chat", UNRELIABLE);
            bob.join("Bob", true);

            DataChannel aliceBotAnswers = alice.awaitDataConsumer("bot", 0);
            DataChannel bobBotAnswers = bob.awaitDataConsumer("bot", 0);
            DataChannel bobSeesAliceChat = bob.awaitDataConsumer("chat", 0);

            assertEquals(SendResult.SENT, await(aliceChat.send("hello bob")));
            List<DataMessage> chat = await(bobSeesAliceChat.await(messages -> !messages.isEmpty()));
            assertEquals("hello bob", chat.get(0).text());
            assertEquals(DataMessage.PPID_STRING, chat.get(0).ppid());

            DataChannel aliceToBot = alice.produceData("bot", UNRELIABLE);
            assertEquals(SendResult.SENT, await(aliceToBot.send("ping")));
            String answer = "Alice said me: \"ping\"";
            assertEquals(answer, await(aliceBotAnswers.await(m -> !m.isEmpty())).get(0).text());
            assertEquals(answer, await(bobBotAnswers.await(m -> !m.isEmpty())).get(0).text());

            alice.close();
            bob.awaitNotification("dataConsumerClosed", d -> d.hasNonNull("dataConsumerId"));
            bob.awaitNotification("peerClosed", d -> "alice".equals(d.get("peerId").asText()));
        }
    }
}
