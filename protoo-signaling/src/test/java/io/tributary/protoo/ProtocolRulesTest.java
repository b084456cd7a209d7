package io.tributary.protoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpServerOptions;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** protoo's numbers: retry schedule, request timeouts, sizes. */
class ProtocolRulesTest {

    @Test
    void theDefaultRetryScheduleIsProtooClients() {
        RetrySchedule schedule = RetrySchedule.defaults();
        assertEquals(10, schedule.retries());
        assertEquals(List.of(1000L, 2000L, 4000L, 8000L, 8000L, 8000L, 8000L, 8000L, 8000L, 8000L),
                IntStream.rangeClosed(1, 10).mapToObj(schedule::delayMs).toList());
        assertThrows(IllegalArgumentException.class, () -> new RetrySchedule(1, 2, 100, 10));
    }

    @Test
    void requestTimeoutsGrowWithPendingRequests() {
        assertEquals(30_000, RequestTimeout.server().timeoutMs(0));
        assertEquals(32_000, RequestTimeout.server().timeoutMs(10));
        assertEquals(22_500, RequestTimeout.client().timeoutMs(0));
        assertEquals(24_000, RequestTimeout.client().timeoutMs(10));
        assertEquals(30_000, ProtooServerOptions.defaults().requestTimeout().timeoutMs(0));
        assertEquals(22_500, ProtooClientOptions.defaults().requestTimeout().timeoutMs(0));
    }

    @Test
    void theDefaultsAreTheDemos() {
        ProtooServerOptions options = ProtooServerOptions.defaults();
        assertEquals(60_000, options.pingIntervalMs());
        assertEquals(960_000, options.maxMessageSize());
        assertTrue(options.requireRoomAndPeerIds());
        HttpServerOptions http = options.applyTo(new HttpServerOptions());
        assertEquals(List.of("protoo"), http.getWebSocketSubProtocols());
        assertEquals(960_000, http.getMaxWebSocketFrameSize());
        assertEquals(960_000, http.getMaxWebSocketMessageSize());
        assertEquals(List.of("protoo"), options.applyTo(http).getWebSocketSubProtocols(), "applied once");
    }
}
