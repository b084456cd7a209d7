package io.tributary.worker.transport.direct;

import static io.tributary.worker.Await.failure;
import static io.tributary.worker.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.worker.Worker;
import io.tributary.worker.WorkerSettings;
import io.tributary.worker.errors.InvalidStateError;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.errors.UnsupportedError;
import io.tributary.worker.router.Router;
import io.tributary.worker.router.RouterOptions;
import io.tributary.worker.transport.Transport;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** test-DirectTransport's items that do not need DataProducers. */
class DirectTransportTest {

    private final Vertx vertx = Vertx.vertx();
    private Router router;

    @BeforeEach
    void start() {
        Worker worker = result(Worker.create(vertx, WorkerSettings.defaults()));
        router = result(worker.createRouter(RouterOptions.of(List.of())));
    }

    @AfterEach
    void stop() {
        result(vertx.close());
    }

    @Test
    void createsWithMaxMessageSizeAndDumpsAsDirect() {
        DirectTransport transport = result(router.createDirectTransport(1024, Map.of("foo", "bar")));
        assertEquals(1024, transport.maxMessageSize());
        assertEquals(Map.of("foo", "bar"), transport.appData());
        Map<String, Object> dump = result(transport.dump());
        assertEquals(true, dump.get("direct"));
        assertEquals(1024L, dump.get("maxMessageSize"));
        assertEquals(List.of(), dump.get("producerIds"));
        assertEquals(List.of(), dump.get("consumerIds"));
        assertEquals(DirectTransport.DEFAULT_MAX_MESSAGE_SIZE,
                result(router.createDirectTransport(null, Map.of())).maxMessageSize());
    }

    @Test
    void aNegativeMaxMessageSizeIsATypeError() {
        assertInstanceOf(TypeError.class, failure(router.createDirectTransport(-2000, Map.of())));
    }

    @Test
    void statsTypeIsDirectTransportAndConnectIsANoOp() {
        DirectTransport transport = result(router.createDirectTransport(null, Map.of()));
        result(transport.connect());
        Map<String, Object> stats = result(transport.getStats()).get(0);
        assertEquals("direct-transport", stats.get("type"));
        assertEquals(transport.id(), stats.get("transportId"));
    }

    @Test
    void bitrateSettersAreUnsupported() {
        DirectTransport transport = result(router.createDirectTransport(null, Map.of()));
        assertInstanceOf(UnsupportedError.class, failure(transport.setMaxIncomingBitrate(1_000_000)));
    }

    @Test
    void methodsRejectWhenClosedAndRouterCloseIsAnnounced() {
        DirectTransport closedOne = result(router.createDirectTransport(null, Map.of()));
        closedOne.close();
        assertInstanceOf(InvalidStateError.class, failure(closedOne.dump()));
        assertInstanceOf(InvalidStateError.class, failure(closedOne.getStats()));

        DirectTransport transport = result(router.createDirectTransport(null, Map.of()));
        List<String> events = new ArrayList<>();
        transport.events().on(Transport.ROUTER_CLOSE, v -> events.add("routerclose"));
        router.close();
        result(router.worker().loop().call(() -> null));
        assertEquals(List.of("routerclose"), events);
        assertTrue(transport.closed());
    }
}
