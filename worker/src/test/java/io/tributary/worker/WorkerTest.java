package io.tributary.worker;

import static io.tributary.worker.Await.failure;
import static io.tributary.worker.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.worker.errors.InvalidStateError;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.router.Router;
import io.tributary.worker.router.RouterOptions;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkerTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void closeVertx() {
        result(vertx.close());
    }

    @Test
    void createsWithDefaultsAndAppData() {
        Worker worker = result(Worker.create(vertx, WorkerSettings.defaults().withAppData(Map.of("foo", 456))));
        assertEquals(Map.of("foo", 456), worker.appData());
        assertFalse(worker.closed());
        assertFalse(worker.died());
        assertEquals(ProcessHandle.current().pid(), worker.pid());
        assertEquals("error", worker.settings().logLevel());
    }

    @Test
    void badSettingsAreTypeErrors() {
        List<WorkerSettings> bad = List.of(
                new WorkerSettings("chicken", null, 10000, 59999, null, null, null),
                new WorkerSettings(null, List.of("nope"), 10000, 59999, null, null, null),
                new WorkerSettings(null, null, 1000, 999, null, null, null),
                new WorkerSettings(null, null, 10000, 65536, null, null, null),
                new WorkerSettings(null, null, 10000, 59999, "/notfound/cert.pem", "/notfound/priv.pem", null),
                new WorkerSettings(null, null, 10000, 59999, "/notfound/cert.pem", null, null));
        for (WorkerSettings settings : bad) {
            assertInstanceOf(TypeError.class, failure(Worker.create(vertx, settings)), settings.toString());
        }
    }

    @Test
    void freshDumpHasMediasoupShape() throws Exception {
        Worker worker = result(Worker.create(vertx, WorkerSettings.defaults()));
        String json = new ObjectMapper().writeValueAsString(result(worker.dump()));
        assertEquals("{\"pid\":" + worker.pid() + ",\"webRtcServerIds\":[],\"routerIds\":[],"
                + "\"channelMessageHandlers\":{\"channelRequestHandlers\":[],\"channelNotificationHandlers\":[]}}", json);
    }

    @Test
    void routersAppearInDumpAndObserverAnnouncesThem() {
        Worker worker = result(Worker.create(vertx, WorkerSettings.defaults()));
        List<Router> announced = new ArrayList<>();
        worker.observer().on(Worker.NEW_ROUTER, announced::add);
        Router router = result(worker.createRouter(RouterOptions.of(List.of())));
        assertEquals(List.of(router), announced);
        WorkerDump dump = result(worker.dump());
        assertEquals(List.of(router.id()), dump.routerIds());
        assertEquals(List.of(router.id()), dump.channelMessageHandlers().channelRequestHandlers());
    }

    @Test
    void closingClosesRoutersWithWorkercloseThenRejectsCalls() {
        Worker worker = result(Worker.create(vertx, WorkerSettings.defaults()));
        Router router = result(worker.createRouter(RouterOptions.of(List.of())));
        List<String> events = new ArrayList<>();
        router.events().on(Router.WORKER_CLOSE, v -> events.add("router workerclose"));
        router.observer().on(Router.CLOSE, v -> events.add("router observer close"));
        worker.observer().on(Worker.CLOSE, v -> events.add("worker observer close"));

        result(worker.close());

        assertEquals(List.of("router workerclose", "router observer close", "worker observer close"), events);
        assertTrue(worker.closed());
        assertTrue(router.closed());
        assertInstanceOf(InvalidStateError.class, failure(worker.dump()));
        assertInstanceOf(InvalidStateError.class, failure(worker.createRouter(RouterOptions.of(List.of()))));
        assertInstanceOf(InvalidStateError.class, failure(worker.getResourceUsage()));
    }

    @Test
    void resourceUsageReportsTheWorkerThread() {
        Worker worker = result(Worker.create(vertx, WorkerSettings.defaults()));
        WorkerResourceUsage usage = result(worker.getResourceUsage());
        assertTrue(usage.ru_maxrss() > 0, "maxrss " + usage.ru_maxrss());
        assertTrue(usage.ru_utime() >= 0 && usage.ru_stime() >= 0);
    }

    @Test
    void callsFromAnyThreadRunOnTheWorkerLoop() {
        Worker worker = result(Worker.create(vertx, WorkerSettings.defaults()));
        String first = result(worker.loop().call(() -> Thread.currentThread().getName()));
        String second = result(worker.loop().call(() -> Thread.currentThread().getName()));
        assertEquals(first, second);
        assertTrue(first.contains("eventloop"), first);
        assertTrue(result(worker.loop().call(worker.loop()::isCurrent)));
        assertFalse(worker.loop().isCurrent());
    }
}
