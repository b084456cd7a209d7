package io.tributary.server.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.server.FreePorts;
import io.tributary.server.config.ServerConfig;
import io.tributary.server.room.Room;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StandaloneNodeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static StandaloneNode node;

    @BeforeAll
    static void start() throws Exception {
        ServerConfig config = new ServerConfig("127.0.0.1", FreePorts.tcp(), FreePorts.tcpPair(), 2, null);
        node = StandaloneNode.start(config).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void healthAnswersOk() throws Exception {
        HttpResponse<String> res = get("/api/health");
        assertEquals(200, res.statusCode());
        assertTrue(res.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        JsonNode body = JSON.readTree(res.body());
        assertEquals("ok", body.get("status").asText());
        assertEquals("standalone", body.get("role").asText());
        assertEquals(2, body.get("workers").asInt());
    }

    @Test
    void roomAnswersTheDemoRouterCapabilities() throws Exception {
        HttpResponse<String> res = get("/rooms/demo");
        assertEquals(200, res.statusCode());
        JsonNode expected = JSON.readTree(getClass().getResourceAsStream("/demo-router-rtp-capabilities.json"));
        assertEquals(expected, JSON.readTree(res.body()));
    }

    @Test
    void rootServesTheWebClient() throws Exception {
        HttpResponse<String> index = get("/?roomId=web&peerId=p1");
        assertEquals(200, index.statusCode());
        assertTrue(index.headers().firstValue("content-type").orElse("").startsWith("text/html"));
        assertTrue(index.body().contains("src=\"app.js\""), index.body());
        HttpResponse<String> app = get("/app.js");
        assertEquals(200, app.statusCode());
        assertTrue(app.headers().firstValue("content-type").orElse("").contains("javascript"));
        assertTrue(app.body().contains("window.tributary"), "app.js is the bundled client");
        assertEquals(200, get("/app.css").statusCode());
        assertEquals(404, get("/no-such-file.js").statusCode());
    }

    @Test
    void aRoomIsCreatedOnceAndRoomsSpreadOverWorkers() throws Exception {
        Room a1 = room("spread-a");
        Room a2 = room("spread-a");
        Room b = room("spread-b");
        assertSame(a1, a2);
        assertNotSame(a1.router().worker(), b.router().worker());
    }

    @Test
    void eachWorkerHasAWebRtcServerOnItsOwnMediaPort() throws Exception {
        for (int i = 0; i < 2; i++) {
            var dump = node.mediaWorkers().get(i).webRtcServer().dump().toCompletionStage().toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
            int port = node.config().rtcPortOf(i);
            assertEquals(java.util.List.of(java.util.Map.of("ip", "127.0.0.1", "port", port)), dump.get("udpSockets"));
            assertEquals(java.util.List.of(java.util.Map.of("ip", "127.0.0.1", "port", port)), dump.get("tcpServers"));
        }
    }

    @Test
    void eachWorkerHasItsOwnEventLoopThread() throws Exception {
        String t0 = threadOf(0);
        String t1 = threadOf(1);
        assertTrue(!t0.equals(t1), "workers share a thread: " + t0);
    }

    private static String threadOf(int worker) throws Exception {
        return node.workers().get(worker).loop().call(() -> Thread.currentThread().getName())
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static Room room(String id) throws Exception {
        return node.rooms().getOrCreate(id).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path))
                .timeout(Duration.ofSeconds(10)).build();
        return HTTP.send(req, HttpResponse.BodyHandlers.ofString());
    }
}
