package io.tributary.worker.rtp.stream;

import static io.tributary.worker.rtp.stream.SequenceTracker.ACCEPTED;
import static io.tributary.worker.rtp.stream.SequenceTracker.DISCARDED;
import static io.tributary.worker.rtp.stream.SequenceTracker.RESTARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SequenceTrackerTest {

    private static final String[] RESULTS = {"ok", "restart", "drop"};

    /**
     * Sequence numbers as {@code seq:result} ({@code ok}, {@code restart}, {@code drop}), then the
     * expected extended highest, expected count and discarded count.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "in order            | 100:ok 101:ok 102:ok                                   | 102    | 3     | 0",
        "loss                | 100:ok 103:ok 110:ok                                   | 110    | 11    | 0",
        "reorder             | 100:ok 102:ok 101:ok 103:ok                            | 103    | 4     | 0",
        "duplicate           | 100:ok 101:ok 101:ok                                   | 101    | 2     | 0",
        "wrap                | 65534:ok 65535:ok 0:ok 1:ok                            | 65537  | 4     | 0",
        "reorder over wrap   | 65535:ok 1:ok 0:ok 65534:ok 2:ok                       | 65538  | 4     | 0",
        "starts at zero      | 0:ok 1:ok                                              | 1      | 2     | 0",
        "dropout within 3000 | 100:ok 3099:ok                                         | 3099   | 3000  | 0",
        "jump discarded      | 100:ok 3100:drop 101:ok                                | 101    | 2     | 1",
        "late beyond 1500    | 5000:ok 3499:drop 5001:ok                              | 5001   | 2     | 1",
        "two late in a row   | 5000:ok 3499:drop 3500:restart                         | 3500   | 1     | 1",
        "wrap within dropout | 65000:ok 100:ok                                        | 65636  | 637   | 0",
        "misorder kept       | 5000:ok 3501:ok                                        | 5000   | 1     | 0",
        "restart             | 100:ok 101:ok 40000:drop 40001:restart 40002:ok        | 40002  | 2     | 1",
        "restart resets wrap | 65535:ok 0:ok 30000:drop 30001:restart 30002:ok         | 30002  | 2     | 1",
    })
    void table(String name, String steps, long extendedMax, long expected, long discarded) {
        SequenceTracker tracker = new SequenceTracker();
        for (String step : steps.trim().split(" +")) {
            String[] parts = step.split(":");
            int result = tracker.receive(Integer.parseInt(parts[0]), 0, 0);
            assertEquals(parts[1], RESULTS[result], name + " at " + step);
        }
        assertEquals(extendedMax, tracker.extendedMax(), name);
        assertEquals(expected, tracker.expected(), name);
        assertEquals(discarded, tracker.discarded(), name);
    }

    @Test
    void tracksTheNewestTimestamp() {
        SequenceTracker tracker = new SequenceTracker();
        assertFalse(tracker.started());
        assertEquals(0, tracker.expected());
        assertEquals(ACCEPTED, tracker.receive(1, 1000, 10));
        assertEquals(ACCEPTED, tracker.receive(3, 3000, 30));
        assertEquals(ACCEPTED, tracker.receive(2, 2000, 40));
        assertEquals(3000, tracker.maxTimestamp());
        assertEquals(30, tracker.maxTimestampMs());
        assertEquals(ACCEPTED, tracker.receive(4, 0x7FFF_0000L, 50));
        assertEquals(ACCEPTED, tracker.receive(5, 0xFFFF_0000L, 55));
        assertEquals(ACCEPTED, tracker.receive(6, 10, 60));
        assertEquals(10, tracker.maxTimestamp(), "timestamps wrap too");
        assertEquals(DISCARDED, tracker.receive(9000, 999_999, 70));
        assertEquals(10, tracker.maxTimestamp(), "a discarded packet does not count");
        assertEquals(RESTARTED, tracker.receive(9001, 5_000_000, 80));
        assertEquals(5_000_000, tracker.maxTimestamp());
        assertEquals(80, tracker.maxTimestampMs());
    }

    @Test
    void recoveredPacketsOnlyMoveTheSequence() {
        SequenceTracker tracker = new SequenceTracker();
        tracker.receive(10, 100, 0);
        assertEquals(ACCEPTED, tracker.update(12));
        assertEquals(12, tracker.maxSeq());
        assertEquals(100, tracker.maxTimestamp());
    }
}
