package io.tributary.worker.rtp.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyFrameRequestManagerTest {

    private final List<String> requests = new ArrayList<>();
    private long now;

    private KeyFrameRequestManager manager(int delayMs) {
        return new KeyFrameRequestManager(ssrc -> requests.add(ssrc + "@" + now), delayMs);
    }

    /** Advances time in 10 ms steps until nothing is left to do, like running the event loop dry. */
    private void runTimers(KeyFrameRequestManager manager) {
        while (manager.nextTimeoutMs() != Long.MAX_VALUE) {
            now += 10;
            manager.onTimer(now);
        }
    }

    // mediasoup's KeyFrameRequestManager scenarios.

    @Test
    void requestedOnceNotReceivedIsAskedOnceMore() {
        KeyFrameRequestManager manager = manager(1000);
        manager.keyFrameNeeded(1111, now);
        runTimers(manager);
        assertEquals(List.of("1111@0", "1111@1000"), requests);
    }

    @Test
    void requestedManyTimesNotReceived() {
        KeyFrameRequestManager manager = manager(500);
        for (int i = 0; i < 4; i++) {
            manager.keyFrameNeeded(1111, now);
        }
        runTimers(manager);
        assertEquals(List.of("1111@0", "1111@1000"), requests);
    }

    @Test
    void receivedOnTime() {
        KeyFrameRequestManager manager = manager(500);
        manager.keyFrameNeeded(1111, now);
        manager.keyFrameReceived(1111);
        assertFalse(manager.isPending(1111));
        runTimers(manager);
        assertEquals(List.of("1111@0"), requests);
    }

    @Test
    void forcedNotReceived() {
        KeyFrameRequestManager manager = manager(500);
        manager.keyFrameNeeded(1111, now);
        manager.forceKeyFrameNeeded(1111, now);
        runTimers(manager);
        assertEquals(List.of("1111@0", "1111@0", "1111@1000"), requests);
    }

    @Test
    void forcedReceivedOnTime() {
        KeyFrameRequestManager manager = manager(500);
        manager.keyFrameNeeded(1111, now);
        manager.forceKeyFrameNeeded(1111, now);
        manager.keyFrameReceived(1111);
        runTimers(manager);
        assertEquals(List.of("1111@0", "1111@0"), requests);
    }

    // Timing details.

    @Test
    void aThirdRequestNeedsNewDemand() {
        KeyFrameRequestManager manager = manager(0);
        manager.keyFrameNeeded(1, 0);
        manager.onTimer(999);
        assertEquals(1, requests.size());
        now = 1000;
        manager.onTimer(1000);
        assertEquals(List.of("1@0", "1@1000"), requests);
        now = 1500;
        manager.keyFrameNeeded(1, 1500);
        assertEquals(2, requests.size(), "merged into the pending one");
        now = 2000;
        manager.onTimer(2000);
        assertEquals(List.of("1@0", "1@1000", "1@2000"), requests);
        now = 3000;
        manager.onTimer(3000);
        assertFalse(manager.isPending(1));
        assertEquals(3, requests.size());
        manager.keyFrameNeeded(1, 3000);
        assertEquals(4, requests.size(), "nothing pending: asked at once");
    }

    @Test
    void delayMergesRequestsIntoOneAtTheEnd() {
        KeyFrameRequestManager manager = manager(300);
        manager.keyFrameNeeded(7, 0);
        manager.keyFrameReceived(7);
        now = 100;
        manager.keyFrameNeeded(7, 100);
        now = 200;
        manager.keyFrameNeeded(7, 200);
        assertEquals(List.of("7@0"), requests, "held while the delay runs");
        assertEquals(300, manager.nextTimeoutMs());
        now = 300;
        manager.onTimer(300);
        assertEquals(List.of("7@0", "7@300"), requests);
        assertTrue(manager.isPending(7));
    }

    @Test
    void ssrcsAreIndependent() {
        KeyFrameRequestManager manager = manager(0);
        for (int ssrc = 1; ssrc <= 6; ssrc++) {
            manager.keyFrameNeeded(ssrc, 0);
        }
        manager.keyFrameReceived(3);
        manager.keyFrameReceived(99);
        assertEquals(6, requests.size());
        assertFalse(manager.isPending(3));
        assertTrue(manager.isPending(6));
        now = 1000;
        manager.onTimer(1000);
        assertEquals(11, requests.size(), "every SSRC but 3 retried once");
    }
}
