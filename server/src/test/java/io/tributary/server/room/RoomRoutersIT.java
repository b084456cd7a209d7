package io.tributary.server.room;

import static io.tributary.client.room.RoomParticipant.JSON;
import static io.tributary.client.room.RoomParticipant.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.client.media.data.DataChannel;
import io.tributary.client.media.data.DataMessage;
import io.tributary.client.media.send.OpusOptions;
import io.tributary.client.media.send.Vp8Options;
import io.tributary.client.room.RoomParticipant;
import io.tributary.server.FreePorts;
import io.tributary.server.config.ClusterConfig;
import io.tributary.server.config.ServerConfig;
import io.tributary.server.node.StandaloneNode;
import io.tributary.state.RoomKey;
import io.tributary.worker.router.Router;
import io.tributary.worker.sctp.SctpAssociation.SendResult;
import io.tributary.worker.sctp.SctpReliability;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One room over both workers of a node: with a budget of 2 consumers per router, the third and fourth peers get
 * a router on the other worker, and producers, DataProducers and the bot are piped between the two.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RoomRoutersIT {

    private static final String ROOM = "shards";
    private static final SctpReliability UNRELIABLE = new SctpReliability(false, -1, 2000);
    private static final List<String> IDS = List.of("p1", "p2", "p3", "p4");

    private StandaloneNode node;
    private final Vertx clients = Vertx.vertx();
    private final Map<String, RoomParticipant> peers = new LinkedHashMap<>();
    private final Map<String, String> video = new LinkedHashMap<>();
    private final Map<String, String> audio = new LinkedHashMap<>();

    @BeforeEach
    void start() throws Exception {
        ClusterConfig budget = ClusterConfig.defaults().toBuilder().routerConsumerBudget(2).build();
        node = get(StandaloneNode.start(new ServerConfig("127.0.0.1", FreePorts.tcp(), FreePorts.tcpPair(), 2, null)
                .withCluster(budget)));
    }

    @AfterEach
    void stop() throws Exception {
        peers.values().forEach(RoomParticipant::close);
        get(clients.close());
        get(node.close());
    }

    @Test
    void fourPeersOnTwoWorkersSeeHearAndTalkToEachOtherAndTheBot() throws Exception {
        for (int i = 0; i < IDS.size(); i++) {
            joinAndPublish(IDS.get(i), i);
        }
        Map<String, Router> routers = routersOfPeers();
        assertEquals(routers.get("p1"), routers.get("p2"), routers.toString());
        assertEquals(routers.get("p3"), routers.get("p4"), routers.toString());
        assertNotEquals(routers.get("p1").worker(), routers.get("p3").worker(), "p1 and p3 share a worker");

        for (String viewer : IDS) {
            for (String other : IDS) {
                if (!viewer.equals(other)) {
                    RoomParticipant p = peers.get(viewer);
                    assertTrue(await(p.awaitStream(video.get(other)).await(s -> s.frames() >= 10)).frames() >= 10);
                    assertTrue(await(p.awaitStream(audio.get(other)).await(s -> s.packets() >= 20)).packets() >= 20);
                }
            }
        }

        RoomParticipant p1 = peers.get("p1");
        RoomParticipant p3 = peers.get("p3");
        p1.request("pauseProducer", JSON.createObjectNode().put("producerId", audio.get("p1")));
        String micConsumer = p3.consumerIdByProducer().get(audio.get("p1"));
        p3.awaitNotification("consumerPaused", d -> micConsumer.equals(d.get("consumerId").asText()));
        p1.request("closeProducer", JSON.createObjectNode().put("producerId", video.get("p1")));
        String camConsumer = p3.consumerIdByProducer().get(video.get("p1"));
        p3.awaitNotification("consumerClosed", d -> camConsumer.equals(d.get("consumerId").asText()));

        chatAcrossRouters(p1, p3);
        botAnswersBothRouters(p1, p3);

        peers.remove("p4").close();
        for (String stayer : List.of("p1", "p2", "p3")) {
            RoomParticipant p = peers.get(stayer);
            p.awaitNotification("peerClosed", d -> "p4".equals(d.get("peerId").asText()));
            for (String producer : List.of(video.get("p4"), audio.get("p4"))) {
                String consumer = p.consumerIdByProducer().get(producer);
                p.awaitNotification("consumerClosed", d -> consumer.equals(d.get("consumerId").asText()));
            }
        }
    }

    /** Joins with DataChannels, publishes Opus and VP8, and waits until it and the earlier peers receive each other. */
    private void joinAndPublish(String id, int index) {
        RoomParticipant p = new RoomParticipant(clients, node.httpPort(), ROOM, id);
        peers.put(id, p);
        p.join(id.toUpperCase(), true);
        audio.put(id, p.produce(p.sendPeer().publishOpus(OpusOptions.of("0", 1000 + index))));
        video.put(id, p.produce(p.sendPeer().publishVp8(Vp8Options.single("1", 2000 + 10 * index, 2001 + 10 * index))));
        // The budget counts consumers: the next peer's router depends on these being in place.
        for (String earlier : IDS.subList(0, index)) {
            await(p.awaitStream(video.get(earlier)).await(s -> s.frames() >= 1));
            await(p.awaitStream(audio.get(earlier)).await(s -> s.packets() >= 1));
            await(peers.get(earlier).awaitStream(video.get(id)).await(s -> s.frames() >= 1));
            await(peers.get(earlier).awaitStream(audio.get(id)).await(s -> s.packets() >= 1));
        }
    }

    /** p1 (first worker) and p3 (second worker) chat both ways. */
    private static void chatAcrossRouters(RoomParticipant p1, RoomParticipant p3) {
        DataChannel p1Chat = p1.produceData("chat", UNRELIABLE);
        DataChannel p3SeesP1 = p3.awaitDataConsumer("chat", 0);
        assertEquals(SendResult.SENT, await(p1Chat.send("hello from worker one")));
        assertEquals("hello from worker one", firstText(p3SeesP1));

        DataChannel p3Chat = p3.produceData("chat", UNRELIABLE);
        DataChannel p1SeesP3 = p1.awaitDataConsumer("chat", 0);
        assertEquals(SendResult.SENT, await(p3Chat.send("hello from worker two")));
        assertEquals("hello from worker two", firstText(p1SeesP3));
    }

    /** The bot lives on the first router; it hears peers of both routers and everyone hears its answers. */
    private static void botAnswersBothRouters(RoomParticipant p1, RoomParticipant p3) {
        DataChannel p1Bot = p1.awaitDataConsumer("bot", 0);
        DataChannel p3Bot = p3.awaitDataConsumer("bot", 0);
        DataChannel p3ToBot = p3.produceData("bot", UNRELIABLE);
        assertEquals(SendResult.SENT, await(p3ToBot.send("ping")));
        String fromP3 = "P3 said me: \"ping\"";
        await(p1Bot.await(messages -> messages.stream().anyMatch(m -> fromP3.equals(m.text()))));
        await(p3Bot.await(messages -> messages.stream().anyMatch(m -> fromP3.equals(m.text()))));

        DataChannel p1ToBot = p1.produceData("bot", UNRELIABLE);
        assertEquals(SendResult.SENT, await(p1ToBot.send("pong")));
        String fromP1 = "P1 said me: \"pong\"";
        await(p3Bot.await(messages -> messages.stream().anyMatch(m -> fromP1.equals(m.text()))));
    }

    private static String firstText(DataChannel channel) {
        List<DataMessage> messages = await(channel.await(m -> !m.isEmpty()));
        return messages.get(0).text();
    }

    private Map<String, Router> routersOfPeers() throws Exception {
        Room room = get(node.rooms().find(new RoomKey(null, ROOM)));
        Promise<Map<String, Router>> result = Promise.promise();
        room.run(() -> result.complete(room.routersOfPeers()));
        return get(result.future());
    }

    private static <T> T get(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
