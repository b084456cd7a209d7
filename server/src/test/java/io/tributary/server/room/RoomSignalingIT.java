package io.tributary.server.room;

import static io.tributary.client.room.RoomParticipant.JSON;
import static io.tributary.client.room.RoomParticipant.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.client.media.receive.ReceivedStreamStats;
import io.tributary.client.media.send.OpusOptions;
import io.tributary.client.media.send.Publication;
import io.tributary.client.media.send.Vp8Options;
import io.tributary.client.room.RoomParticipant;
import io.tributary.protoo.ProtooError;
import io.tributary.server.FreePorts;
import io.tributary.server.config.ServerConfig;
import io.tributary.server.node.StandaloneNode;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The mediasoup-demo room protocol end to end: real protoo over WebSocket, real media over WebRTC. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RoomSignalingIT {

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
    void twoPeersSeeAndHearEachOtherAndTheCloseCascadeReachesTheOther() {
        try (RoomParticipant alice = new RoomParticipant(clients, node.httpPort(), "room1", "alice");
             RoomParticipant bob = new RoomParticipant(clients, node.httpPort(), "room1", "bob")) {
            assertTrue(alice.hasNotification("mediasoup-version"), alice.notifications().toString());

            assertEquals(0, alice.join("Alice").get("peers").size());
            Publication aliceMic = alice.sendPeer().publishOpus(OpusOptions.of("0", 1111));
            Publication aliceCam = alice.sendPeer().publishVp8(Vp8Options.single("1", 2222, 2223));
            String aliceMicId = alice.produce(aliceMic);
            String aliceCamId = alice.produce(aliceCam);

            JsonNode peers = bob.join("Bob").get("peers");
            assertEquals(1, peers.size());
            assertEquals("alice", peers.get(0).get("id").asText());
            assertEquals("Alice", peers.get(0).get("displayName").asText());
            alice.awaitNotification("newPeer", d -> "bob".equals(d.get("id").asText()));

            String bobCamId = bob.produce(bob.sendPeer().publishVp8(Vp8Options.single("0", 3333, 3334)));

            ReceivedStreamStats bobSeesAlice = await(bob.awaitStream(aliceCamId).await(s -> s.frames() >= 30));
            ReceivedStreamStats bobHearsAlice = await(bob.awaitStream(aliceMicId).await(s -> s.packets() >= 50));
            ReceivedStreamStats aliceSeesBob = await(alice.awaitStream(bobCamId).await(s -> s.frames() >= 30));
            assertEquals(2222, bobSeesAlice.streamTag() & 0xffffffffL);
            assertEquals(1111, bobHearsAlice.streamTag() & 0xffffffffL);
            assertEquals(3333, aliceSeesBob.streamTag() & 0xffffffffL);
            bob.awaitNotification("consumerScore", d -> true);

            alice.request("pauseProducer", JSON.createObjectNode().put("producerId", aliceMicId));
            String micConsumer = bob.consumerIdByProducer().get(aliceMicId);
            bob.awaitNotification("consumerPaused", d -> micConsumer.equals(d.get("consumerId").asText()));

            alice.request("closeProducer", JSON.createObjectNode().put("producerId", aliceCamId));
            String camConsumer = bob.consumerIdByProducer().get(aliceCamId);
            bob.awaitNotification("consumerClosed", d -> camConsumer.equals(d.get("consumerId").asText()));

            alice.request("changeDisplayName", JSON.createObjectNode().put("displayName", "Alicia"));
            bob.awaitNotification("peerDisplayNameChanged", d -> "Alicia".equals(d.get("displayName").asText())
                    && "Alice".equals(d.get("oldDisplayName").asText()));

            alice.close();
            bob.awaitNotification("peerClosed", d -> "alice".equals(d.get("peerId").asText()));
            bob.awaitNotification("consumerClosed", d -> micConsumer.equals(d.get("consumerId").asText()));
        }
    }

    @Test
    void aReconnectWithTheSamePeerIdReplacesTheOldPeerWithoutAGhost() {
        try (RoomParticipant carol = new RoomParticipant(clients, node.httpPort(), "room2", "carol");
             RoomParticipant dave = new RoomParticipant(clients, node.httpPort(), "room2", "dave")) {
            carol.join("Carol");
            dave.join("Dave");
            try (RoomParticipant dave2 = new RoomParticipant(clients, node.httpPort(), "room2", "dave")) {
                carol.awaitNotification("peerClosed", d -> "dave".equals(d.get("peerId").asText()));
                JsonNode peers = dave2.join("Dave again").get("peers");
                assertEquals(1, peers.size(), "only carol, no ghost of dave: " + peers);
                carol.awaitNotification("newPeer", d -> "Dave again".equals(d.get("displayName").asText()));
            }
        }
    }

    @Test
    void badRequestsGetTheDemosErrorsAndHarmNothing() {
        try (RoomParticipant erin = new RoomParticipant(clients, node.httpPort(), "room3", "erin")) {
            assertError(erin, "produce", JSON.createObjectNode(), 500, "Peer not yet joined");
            assertError(erin, "chicken", JSON.createObjectNode(), 500, "unknown request.method \"chicken\"");
            assertError(erin, "connectWebRtcTransport", JSON.createObjectNode().put("transportId", "nope"), 500,
                    "transport with id \"nope\" not found");
            erin.join("Erin");
            assertError(erin, "join", JSON.createObjectNode(), 500, "Peer already joined");
            assertError(erin, "resumeConsumer", JSON.createObjectNode().put("consumerId", "x"), 500,
                    "consumer with id \"x\" not found");
            assertError(erin, "getDataProducerStats", JSON.createObjectNode().put("dataProducerId", "x"), 500,
                    "dataProducer with id \"x\" not found");
            assertError(erin, "getDataConsumerStats", JSON.createObjectNode().put("dataConsumerId", "x"), 500,
                    "dataConsumer with id \"x\" not found");
            JsonNode caps = erin.request("getRouterRtpCapabilities", JSON.createObjectNode());
            assertEquals(9, caps.get("codecs").size(), "the room still answers after the bad requests");
        }
    }

    private static void assertError(RoomParticipant p, String method, JsonNode data, int code, String reason) {
        try {
            p.requestAsync(method, data).get(10, TimeUnit.SECONDS);
            throw new AssertionError(method + " should fail");
        } catch (ExecutionException | CompletionException e) {
            ProtooError error = (ProtooError) e.getCause();
            assertEquals(code, error.code(), method);
            assertEquals(reason, error.reason(), method);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
