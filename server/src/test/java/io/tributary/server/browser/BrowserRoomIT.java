package io.tributary.server.browser;

import static io.tributary.server.browser.BrowserMedia.awaitMediaFrom;
import static io.tributary.server.browser.BrowserMedia.consumersOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.tributary.server.FreePorts;
import io.tributary.server.browser.Browsers.Page;
import io.tributary.server.config.ServerConfig;
import io.tributary.server.node.StandaloneNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Real Chromium browsers running the web client (served by the node at /) in one room: the issue's
 * acceptance tests for signaling. The steps build on each other, in order, so the browsers (the
 * expensive part) start once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@ExtendWith(BrowserRoomIT.StopAtFirstFailure.class)
class BrowserRoomIT {

    private static final String ROOM = "browsers";
    /** ICE, DTLS, a key frame and the first decoded frames. */
    private static final Duration SIGNALING = BrowserMedia.SIGNALING;

    private static StandaloneNode node;
    private static Browsers browsers;
    private static Page alice;
    private static Page bob;
    private static Page carol;

    @BeforeAll
    static void start() throws Exception {
        ServerConfig config = new ServerConfig("127.0.0.1", FreePorts.tcp(), FreePorts.tcpPair(), 1, null);
        node = StandaloneNode.start(config).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        browsers = Browsers.start();
    }

    /** Each step starts from the room the previous one left; after a failure the rest would only time out. */
    @BeforeEach
    void previousStepsPassed() {
        assumeTrue(StopAtFirstFailure.failed == null, () -> "skipped: " + StopAtFirstFailure.failed + " failed");
    }

    static final class StopAtFirstFailure implements TestWatcher {
        static volatile String failed;

        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            failed = context.getDisplayName();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (browsers != null) {
            browsers.close();
        }
        if (node != null) {
            node.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(1)
    void threeBrowsersDecodeEachOthersVideoAndReceiveTheirAudio() {
        Map<String, String> urls = new LinkedHashMap<>();
        for (String peer : List.of("alice", "bob", "carol")) {
            urls.put(peer, url(peer, ""));
        }
        List<Page> pages = browsers.openAll(urls);
        alice = pages.get(0);
        bob = pages.get(1);
        carol = pages.get(2);

        awaitMediaFrom(alice, "bob", "carol");
        awaitMediaFrom(bob, "alice", "carol");
        awaitMediaFrom(carol, "alice", "bob");
        for (Page page : pages) {
            JsonNode state = state(page);
            assertTrue(state.get("joined").asBoolean(), page + " joined");
            assertEquals(2, state.get("producers").size(), page + " produces mic and webcam: " + state);
            assertEquals(4, state.get("consumers").size(), page + " consumes two peers' audio and video: " + state);
        }
        for (Page page : pages) {
            page.await("an activeSpeaker notification naming a peer (fake mics beep)", "tributary.state()",
                    s -> s.get("speakersSeen").size() > 0, SIGNALING);
        }
    }

    @Test
    @Order(2)
    void chatReachesTheOthersAndTheBotAnswersEveryone() {
        for (Page page : List.of(alice, bob, carol)) {
            page.await("the chat and bot DataChannels open", "tributary.state()",
                    s -> "open".equals(s.path("data").path("chat").asText())
                            && "open".equals(s.path("data").path("bot").asText())
                            && s.path("data").path("consumers").size() == 3, SIGNALING);
        }
        alice.eval("tributary.sendChat('hello from alice')");
        for (Page other : List.of(bob, carol)) {
            other.await("alice's chat message", "tributary.state()",
                    s -> hasMessage(s, "alice", "chat", "hello from alice"), SIGNALING);
        }
        bob.eval("tributary.sendBot('ping')");
        for (Page page : List.of(alice, bob, carol)) {
            page.await("the bot's answer to bob", "tributary.state()",
                    s -> hasMessage(s, "bot", "bot", "bob said me: \"ping\""), SIGNALING);
        }
    }

    @Test
    @Order(3)
    void statsRequestsAnswerForProducersAndConsumers() {
        JsonNode stats = alice.eval("tributary.serverStats()");
        assertEquals(2, stats.get("producers").size(), stats.toString());
        for (JsonNode producer : stats.get("producers")) {
            assertFalse(producer.get("stats").isEmpty(), "getProducerStats answers: " + producer);
        }
        for (JsonNode consumer : stats.get("consumers")) {
            assertEquals("outbound-rtp", consumer.get("stats").path(0).path("type").asText(),
                    "getConsumerStats answers the consumer's stats first: " + consumer);
        }
    }

    @Test
    @Order(4)
    void mutingAMicPausesItsConsumersAtTheOthers() {
        alice.eval("tributary.muteMic()");
        for (Page other : List.of(bob, carol)) {
            other.await("consumerPaused for alice's audio", "tributary.state()",
                    s -> count(s, "consumerPaused") >= 1 && aliceAudio(s).path("remotePaused").asBoolean(), SIGNALING);
        }
        alice.eval("tributary.unmuteMic()");
        for (Page other : List.of(bob, carol)) {
            other.await("consumerResumed for alice's audio", "tributary.state()",
                    s -> count(s, "consumerResumed") >= 1 && !aliceAudio(s).path("remotePaused").asBoolean(true), SIGNALING);
            awaitMediaFrom(other, "alice");
        }
    }

    @Test
    @Order(5)
    void closingAWebcamClosesItsConsumersAtTheOthers() {
        Map<Page, Long> closedBefore = Map.of(bob, count(state(bob), "consumerClosed"),
                carol, count(state(carol), "consumerClosed"));
        alice.eval("tributary.disableWebcam()");
        for (Page other : List.of(bob, carol)) {
            other.await("consumerClosed for alice's video", "tributary.state()",
                    s -> count(s, "consumerClosed") > closedBefore.get(other) && consumersOf(s, "alice", "video").isEmpty(),
                    SIGNALING);
        }
        alice.eval("tributary.enableWebcam()");
        awaitMediaFrom(bob, "alice");
        awaitMediaFrom(carol, "alice");
    }

    @Test
    @Order(6)
    void reloadingWithTheSamePeerIdReplacesThePeerWithoutAGhost() {
        bob.reload();
        awaitMediaFrom(bob, "alice", "carol");
        for (Page other : List.of(alice, carol)) {
            awaitMediaFrom(other, "bob");
            JsonNode state = state(other);
            long bobs = StreamSupport.stream(state.get("peers").spliterator(), false)
                    .filter(p -> p.get("id").asText().equals("bob")).count();
            assertEquals(1, bobs, other + " sees one bob: " + state.get("peers"));
            assertEquals(2, consumersOf(state, "bob", null).size(), other + " consumes only the new bob's audio and video: "
                    + state.get("consumers"));
        }
    }

    @Test
    @Order(7)
    void aBrowserLeavingYieldsPeerClosedAtTheOthers() {
        carol.close();
        for (Page other : List.of(alice, bob)) {
            other.await("peerClosed for carol", "tributary.state()",
                    s -> count(s, "peerClosed") >= 1 && peerIds(s).equals(List.of(other == alice ? "bob" : "alice"))
                            && consumersOf(s, "carol", null).isEmpty(),
                    SIGNALING);
        }
    }

    @Test
    @Order(8)
    void forceTcpCarriesMediaOverTcp() {
        Page dave = browsers.open("dave", url("dave", "&forceTcp=true"));
        awaitMediaFrom(dave, "alice", "bob");
        awaitMediaFrom(alice, "dave");
        JsonNode transports = dave.eval("tributary.stats()").get("transports");
        assertEquals("tcp", transports.path("send").path("protocol").asText(), transports.toString());
        assertEquals("tcp", transports.path("recv").path("protocol").asText(), transports.toString());
        dave.close();
    }

    @Test
    @Order(9)
    void browsersRejoinOnTheirOwnWhenTheNodeComesBack() throws Exception {
        ServerConfig config = node.config();
        node.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        node = null;
        for (Page page : List.of(alice, bob)) {
            page.await("the disconnect", "tributary.state()", s -> !s.get("joined").asBoolean(), SIGNALING);
        }
        node = StandaloneNode.start(config).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        awaitMediaFrom(alice, "bob");
        awaitMediaFrom(bob, "alice");
    }

    // ---- helpers ----

    private static String url(String peerId, String extra) {
        return "http://127.0.0.1:" + node.httpPort() + "/?roomId=" + ROOM + "&peerId=" + peerId + "&displayName=" + peerId
                + extra;
    }

    private static boolean hasMessage(JsonNode state, String from, String label, String text) {
        for (JsonNode message : state.path("data").path("messages")) {
            if (from.equals(message.path("from").asText()) && label.equals(message.path("label").asText())
                    && text.equals(message.path("text").asText())) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode state(Page page) {
        return page.eval("tributary.state()");
    }

    private static JsonNode aliceAudio(JsonNode state) {
        List<JsonNode> audio = consumersOf(state, "alice", "audio");
        return audio.isEmpty() ? MissingNode.getInstance() : audio.get(0);
    }

    private static long count(JsonNode state, String method) {
        return state.path("received").path(method).asLong();
    }

    private static List<String> peerIds(JsonNode state) {
        return StreamSupport.stream(state.get("peers").spliterator(), false).map(p -> p.get("id").asText()).sorted().toList();
    }
}
