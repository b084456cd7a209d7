package io.tributary.protoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** protoo-client's connection behaviour: failed attempts on the retry schedule, disconnected, open again, close. */
class ReconnectTest {

    /** Waits 40, 80, 160, 160 ms: fast, and long enough to tell the steps apart. */
    private static final RetrySchedule FAST = new RetrySchedule(4, 2, 40, 160);
    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        Await.result(vertx.close());
    }

    private record Event(String name, long atNanos) {
    }

    /** Connects, recording every client event with its time from the very first. */
    private static ProtooClient connect(String url, RetrySchedule retry, BlockingQueue<Event> events) {
        return ProtooClient.connect(vertx, url, ProtooClientOptions.defaults().withRetry(retry), client -> {
            client.onOpen(() -> events.add(new Event("open", System.nanoTime())));
            client.onFailed(attempt -> events.add(new Event("failed " + attempt, System.nanoTime())));
            client.onDisconnected(() -> events.add(new Event("disconnected", System.nanoTime())));
            client.onClose(() -> events.add(new Event("close", System.nanoTime())));
        });
    }

    private static long millisBetween(Event earlier, Event later) {
        return (later.atNanos() - earlier.atNanos()) / 1_000_000;
    }

    @Test
    void anAbnormalDropReconnectsOnTheScheduleAndOpensAgain() {
        AtomicInteger connections = new AtomicInteger();
        BlockingQueue<ProtooPeer> peers = new LinkedBlockingQueue<>();
        // Accepts the first connection, refuses the next two, accepts the fourth.
        ConnectionHandler handler = request -> {
            int n = connections.incrementAndGet();
            if (n == 2 || n == 3) {
                request.reject(503, "not yet");
            } else {
                ProtooPeer peer = request.accept();
                peer.onRequest(r -> r.accept(Json.of("connection", n)));
                peers.add(peer);
            }
        };
        try (TestServer server = TestServer.start(vertx, ProtooServerOptions.defaults(), handler);
             TcpProxy proxy = TcpProxy.to(vertx, server.port())) {
            BlockingQueue<Event> events = new LinkedBlockingQueue<>();
            ProtooClient client = connect("ws://127.0.0.1:" + proxy.port() + "/?roomId=r&peerId=p", FAST, events);
            Await.result(client.opened());
            assertEquals("open", Await.next(events).name());
            ProtooPeer first = Await.next(peers);
            CompletableFuture<Void> firstClosed = new CompletableFuture<>();
            first.onClose(() -> firstClosed.complete(null));

            proxy.cut();

            Event disconnected = Await.next(events);
            Event failed1 = Await.next(events);
            Event failed2 = Await.next(events);
            Event reopened = Await.next(events);
            assertEquals(List.of("disconnected", "failed 1", "failed 2", "open"),
                    List.of(disconnected.name(), failed1.name(), failed2.name(), reopened.name()));
            assertTrue(millisBetween(failed1, failed2) >= FAST.delayMs(1), "retry 1 waits 40 ms");
            assertTrue(millisBetween(failed2, reopened) >= FAST.delayMs(2), "retry 2 waits 80 ms");
            Await.result(firstClosed);
            assertEquals(Json.of("connection", 4), Await.result(client.request("which", null)));
            assertEquals(4, connections.get());
            client.close();
            assertEquals("close", Await.next(events).name());
        }
    }

    @Test
    void whenRetriesRunOutTheClientCloses() {
        AtomicInteger attempts = new AtomicInteger();
        try (TestServer server = TestServer.start(vertx, ProtooServerOptions.defaults(), request -> {
            attempts.incrementAndGet();
            request.reject(503, "never");
        })) {
            RetrySchedule twoRetries = new RetrySchedule(2, 2, 10, 20);
            BlockingQueue<Event> events = new LinkedBlockingQueue<>();
            ProtooClient client = connect(server.url("r", "p"), twoRetries, events);
            assertEquals("peer closed", Await.failure(client.opened()).getMessage());
            List<String> names = List.of(Await.next(events).name(), Await.next(events).name(),
                    Await.next(events).name(), Await.next(events).name());
            assertEquals(List.of("failed 1", "failed 2", "failed 3", "close"), names);
            assertEquals(3, attempts.get(), "one attempt and two retries");
            assertTrue(client.closed());
            assertEquals("peer closed", Await.failure(client.request("late", null)).getMessage());
        }
    }

    @Test
    void requestsWhileDisconnectedFailAtOnce() {
        CompletableFuture<Void> release = new CompletableFuture<>();
        AtomicInteger connections = new AtomicInteger();
        // The first connection is accepted at once, the reconnection waits for the test.
        try (TestServer server = TestServer.start(vertx, ProtooServerOptions.defaults(), request -> {
            if (connections.incrementAndGet() == 1) {
                request.accept();
            } else {
                release.thenRun(request::accept);
            }
        }); TcpProxy proxy = TcpProxy.to(vertx, server.port())) {
            BlockingQueue<Event> events = new LinkedBlockingQueue<>();
            ProtooClient client = connect("ws://127.0.0.1:" + proxy.port() + "/?roomId=r&peerId=first", FAST, events);
            Await.result(client.opened());
            assertEquals("open", Await.next(events).name());
            proxy.cut();
            assertEquals("disconnected", Await.next(events).name());
            Throwable failure = Await.failure(client.request("meanwhile", null));
            assertEquals("not connected", failure.getMessage());
            release.complete(null);
            assertEquals("open", Await.next(events).name());
            client.close();
        }
    }
}
