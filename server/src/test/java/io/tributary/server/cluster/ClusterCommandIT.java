package io.tributary.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.server.FreePorts;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code ./tributary cluster} as a user runs it: everything comes up on loopback, a room spans the nodes beyond the
 * cap, and SIGTERM takes it all down.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterCommandIT {

    private static final Pattern PORT = Pattern.compile("127\\.0\\.0\\.1:(\\d+)");

    @Test
    void startsRedisTwoNodesAndADispatcherThenStopsThemAllOnSigterm() throws Exception {
        int port = FreePorts.tcp();
        Vertx vertx = Vertx.vertx();
        try (ServerProcess cluster = ServerProcess.launchUntil("cluster", "cluster ready", "cluster", "--nodes", "2",
                "--port", String.valueOf(port), "--room-node-cap", "1")) {
            String ready = cluster.awaitReady();
            assertTrue(ready.contains("dispatcher http://127.0.0.1:" + port + "/"), ready);
            TestCluster.await(Duration.ofSeconds(5), "both node lines printed", () -> nodeLines(cluster).size() == 2);
            List<Integer> ports = new ArrayList<>(ports(ready));
            nodeLines(cluster).forEach(line -> ports.addAll(ports(line)));
            assertEquals(6, ports.size(), "dispatcher, redis, two nodes and their internal APIs: " + ports);
            for (int p : ports) {
                assertTrue(listening(p), "port " + p + " of " + ports + " listens");
            }

            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/health")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            assertTrue(health.body().contains("\"nodes\":2"), health.body());

            // The cap reached the dispatcher: the second peer of a room goes to the other node.
            List<SignalingPeer> peers = new ArrayList<>();
            for (String peer : List.of("p1", "p2")) {
                peers.add(SignalingPeer.join(vertx, "ws://127.0.0.1:" + port + "/?roomId=spread&peerId=" + peer, peer)
                        .get(20, TimeUnit.SECONDS));
            }
            List<Integer> roomPeers = new ArrayList<>();
            for (String line : nodeLines(cluster)) {
                roomPeers.add(peersIn(ports(line).get(0), "spread"));
            }
            assertEquals(List.of(1, 1), roomPeers, "one peer of the room on each node");
            peers.forEach(SignalingPeer::close);

            cluster.terminate();
            assertTrue(cluster.process().waitFor(60, TimeUnit.SECONDS), "the cluster command exits on SIGTERM");
            TestCluster.await(Duration.ofSeconds(10), "every port closed",
                    () -> ports.stream().noneMatch(ClusterCommandIT::listening));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static int peersIn(int nodePort, String roomId) throws Exception {
        HttpResponse<String> rooms = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + nodePort + "/api/rooms")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        int peers = 0;
        for (JsonNode room : TestCluster.JSON.readTree(rooms.body())) {
            if (roomId.equals(room.get("room").get("roomId").asText())) {
                peers += room.get("peers").size();
            }
        }
        return peers;
    }

    private static List<String> nodeLines(ServerProcess cluster) {
        return cluster.lines().stream().filter(l -> l.startsWith("  node ws://")).toList();
    }

    private static List<Integer> ports(String line) {
        List<Integer> ports = new ArrayList<>();
        Matcher m = PORT.matcher(line);
        while (m.find()) {
            ports.add(Integer.parseInt(m.group(1)));
        }
        return ports;
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
