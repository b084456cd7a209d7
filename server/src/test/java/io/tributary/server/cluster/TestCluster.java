package io.tributary.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.server.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Redis, nodes and dispatchers as separate processes on loopback, and what tests ask of them over HTTP. */
public final class TestCluster implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();

    /** A node process and its HTTP port. */
    public record Node(String id, ServerProcess process, int port) {
        public String url() {
            return "ws://127.0.0.1:" + port + "/";
        }
    }

    /** A dispatcher process and its HTTP port. */
    public record Dispatcher(ServerProcess process, int port) {
        public String url(String roomId, String peerId, String extra) {
            return "ws://127.0.0.1:" + port + "/?roomId=" + roomId + "&peerId=" + peerId + extra;
        }
    }

    private final RedisProcess redis;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Dispatcher> dispatchers = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private TestCluster(RedisProcess redis) {
        this.redis = redis;
    }

    public static TestCluster withRedis() throws Exception {
        return new TestCluster(RedisProcess.start());
    }

    public RedisProcess redis() {
        return redis;
    }

    public List<Node> nodes() {
        return nodes;
    }

    public List<Dispatcher> dispatchers() {
        return dispatchers;
    }

    /** Launches a node (one worker); {@link #awaitReady()} waits for everything launched. */
    public Node node(String id, String... options) throws IOException {
        int port = FreePorts.tcp();
        List<String> args = new ArrayList<>(List.of("start", "--role", "node", "--redis", redis.url(), "--node-id", id,
                "--port", String.valueOf(port), "--rtc-port", String.valueOf(FreePorts.tcpPair()), "--workers", "1"));
        args.addAll(List.of(options));
        Node node = new Node(id, ServerProcess.launch(id, args.toArray(String[]::new)), port);
        nodes.add(node);
        return node;
    }

    public Dispatcher dispatcher(String... options) throws IOException {
        int port = FreePorts.tcp();
        List<String> args = new ArrayList<>(List.of("start", "--role", "dispatcher", "--redis", redis.url(),
                "--port", String.valueOf(port)));
        args.addAll(List.of(options));
        Dispatcher dispatcher = new Dispatcher(ServerProcess.launch("dispatcher-" + dispatchers.size(),
                args.toArray(String[]::new)), port);
        dispatchers.add(dispatcher);
        return dispatcher;
    }

    /** Every launched process printed its ready line and the registry lists every node. */
    public void awaitReady() throws Exception {
        for (Node n : nodes) {
            n.process().awaitReady();
        }
        for (Dispatcher d : dispatchers) {
            d.process().awaitReady();
        }
        await(Duration.ofSeconds(20), "every node registered",
                () -> registered().size() == nodes.stream().filter(n -> n.process().process().isAlive()).count());
    }

    /** The node ids in the registry, as the first dispatcher reads it. */
    public List<String> registered() {
        JsonNode list = getJson(dispatchers.get(0).port(), "/api/nodes");
        List<String> ids = new ArrayList<>();
        list.forEach(n -> ids.add(n.get("nodeId").asText()));
        return ids;
    }

    public JsonNode registryRecord(String nodeId) {
        for (JsonNode n : getJson(dispatchers.get(0).port(), "/api/nodes")) {
            if (n.get("nodeId").asText().equals(nodeId)) {
                return n;
            }
        }
        return null;
    }

    /** Room ({@code namespace/roomId}) -> the live nodes it runs on, with its peer count there. */
    public Map<String, Map<String, Integer>> roomPeers() {
        Map<String, Map<String, Integer>> peers = new HashMap<>();
        for (Node node : nodes) {
            if (!node.process().process().isAlive()) {
                continue;
            }
            for (JsonNode room : getJson(node.port(), "/api/rooms")) {
                String key = room.get("room").get("namespace").asText() + "/" + room.get("room").get("roomId").asText();
                peers.computeIfAbsent(key, k -> new HashMap<>()).put(node.id(), room.get("peers").size());
            }
        }
        return peers;
    }

    public HttpResponse<String> get(int port, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " on " + port + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public JsonNode getJson(int port, String path) {
        HttpResponse<String> response = get(port, path);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " on " + port + ": " + response.statusCode() + " "
                    + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls {@code condition} until it holds; fails naming {@code what} after {@code timeout}. */
    public static void await(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    @Override
    public void close() throws Exception {
        for (Dispatcher d : dispatchers) {
            d.process().close();
        }
        for (Node n : nodes) {
            n.process().close();
        }
        redis.close();
    }
}
