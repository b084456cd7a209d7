package io.tributary.worker.rtp.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NackGeneratorTest {

    private final List<int[]> nacks = new ArrayList<>();
    private int keyFrameRequests;
    private final NackGenerator.Listener listener = new NackGenerator.Listener() {
        @Override
        public void onNackRequired(int[] seqs, int count) {
            nacks.add(Arrays.copyOf(seqs, count));
        }

        @Override
        public void onKeyFrameRequired() {
            keyFrameRequests++;
        }
    };

    /**
     * mediasoup's NackGenerator vectors, no send delay. Steps: {@code seq} (a {@code k} suffix
     * marks a key frame), then {@code >first+n} for a NACK of n seqs from first, or {@code >KF}
     * for a key frame request; nothing means no output.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no NACKs required         | 2371 2372 2373 2374 2375 2376 2377 2378 2379 2380 2254 2250",
        "missing ordered packet    | 2381 2383>2382+1",
        "wrap generates no NACK    | 65534 65535 0",
        "NACK after wrap           | 65534 65535 1>0+1",
        "after wrap and again      | 65534 65535 1>0+1 11>2+9 12k 13k",
        "intercalated              | 1 3>2+1 5>4+1 7>6+1 9>8+1",
        "non contiguous            | 1 3>2+1 7>4+3 9>8+1",
        "big jump                  | 1 300>2+298 3 4 5",
        "too many lost: key frame  | 1 3000>KF",
    })
    void mediasoupVectors(String name, String steps) {
        NackGenerator generator = new NackGenerator(listener, 0);
        for (String step : steps.trim().split(" +")) {
            nacks.clear();
            keyFrameRequests = 0;
            String[] parts = step.split(">");
            boolean keyFrame = parts[0].endsWith("k");
            int seq = Integer.parseInt(keyFrame ? parts[0].substring(0, parts[0].length() - 1) : parts[0]);
            generator.receivePacket(seq, keyFrame, false, 0);
            if (parts.length == 1) {
                assertTrue(nacks.isEmpty(), name + " at " + step);
                assertEquals(0, keyFrameRequests, name + " at " + step);
            } else if (parts[1].equals("KF")) {
                assertEquals(1, keyFrameRequests, name + " at " + step);
                assertTrue(nacks.isEmpty());
                assertEquals(0, generator.pendingCount(), "the list is cleared");
            } else {
                String[] firstAndCount = parts[1].split("\\+");
                assertEquals(1, nacks.size(), name + " at " + step);
                int[] nack = nacks.get(0);
                assertEquals(Integer.parseInt(firstAndCount[0]), nack[0], name + " at " + step);
                assertEquals(Integer.parseInt(firstAndCount[1]), nack.length, name + " at " + step);
            }
        }
    }

    @Test
    void waitsForTheSendDelayThenRetriesEveryRttUntilTheLimit() {
        NackGenerator generator = new NackGenerator(listener, 10);
        generator.receivePacket(1, false, false, 0);
        generator.receivePacket(3, false, false, 0);
        generator.receivePacket(4, false, false, 5);
        assertTrue(nacks.isEmpty(), "younger than the send delay");
        generator.onTimer(9);
        assertTrue(nacks.isEmpty());
        generator.onTimer(10);
        assertEquals(List.of(2), seqs());
        generator.onTimer(50);
        generator.onTimer(109);
        assertEquals(1, nacks.size(), "not again within an RTT");
        for (long t = 110; t < 2000; t += NackGenerator.TIMER_INTERVAL_MS) {
            generator.onTimer(t);
        }
        assertEquals(NackGenerator.MAX_NACK_RETRIES, nacks.size());
        assertEquals(0, generator.pendingCount(), "given up after the last retry");
        assertEquals(NackGenerator.NOT_MISSING, generator.receivePacket(2, false, false, 2000), "too late: no longer on the list");
    }

    @Test
    void aNewPacketSendsWhatTheDelayHeldBack() {
        NackGenerator generator = new NackGenerator(listener, 10);
        generator.receivePacket(1, false, false, 0);
        generator.receivePacket(3, false, false, 0);
        generator.receivePacket(4, false, false, 12);
        assertEquals(List.of(2), seqs());
    }

    @Test
    void rttPacesRetries() {
        NackGenerator generator = new NackGenerator(listener, 0);
        generator.updateRtt(30);
        generator.receivePacket(1, false, false, 0);
        generator.receivePacket(5, false, false, 0);
        assertEquals(List.of(2, 3, 4), seqs());
        nacks.clear();
        generator.onTimer(29);
        assertTrue(nacks.isEmpty());
        generator.onTimer(30);
        assertEquals(List.of(2, 3, 4), seqs());
        generator.updateRtt(0);
        nacks.clear();
        generator.onTimer(129);
        assertTrue(nacks.isEmpty(), "0 means the default RTT of 100 ms");
        generator.onTimer(130);
        assertEquals(1, nacks.size());
    }

    @Test
    void arrivalOfANackedPacketIsARetransmission() {
        NackGenerator generator = new NackGenerator(listener, 10);
        generator.receivePacket(1, false, false, 0);
        generator.receivePacket(5, false, false, 0);
        assertEquals(NackGenerator.MISSING, generator.receivePacket(2, false, false, 1), "reordered before any NACK");
        generator.onTimer(40);
        assertEquals(List.of(3, 4), seqs());
        assertEquals(NackGenerator.RETRANSMITTED, generator.receivePacket(3, false, false, 45));
        assertEquals(NackGenerator.NOT_MISSING, generator.receivePacket(3, false, false, 46), "a duplicate is not on the list any more");
        assertEquals(1, generator.pendingCount());
    }

    @Test
    void packetsRecoveredAheadAreNotNacked() {
        NackGenerator generator = new NackGenerator(listener, 0);
        generator.receivePacket(10, false, false, 0);
        assertEquals(NackGenerator.NOT_MISSING, generator.receivePacket(12, false, true, 0), "RTX newer than the newest");
        assertTrue(nacks.isEmpty());
        generator.receivePacket(14, false, false, 0);
        assertEquals(List.of(11, 13), seqs());
    }

    @Test
    void entriesOlderThanTheMaxAgeAreForgotten() {
        NackGenerator generator = new NackGenerator(listener, 0);
        generator.receivePacket(1, false, false, 0);
        generator.receivePacket(3, false, false, 0);
        assertEquals(1, generator.pendingCount());
        for (int seq = 4; seq <= 10_002; seq++) {
            generator.receivePacket(seq & 0xFFFF, false, false, 0);
        }
        assertEquals(1, generator.pendingCount());
        generator.receivePacket(10_004, false, false, 0);
        assertEquals(1, generator.pendingCount(), "2 is more than 10000 behind the new gap");
        assertEquals(List.of(2, 10_003), seqs());
    }

    @Test
    void fullListIsTrimmedUpToAKeyFrame() {
        NackGenerator generator = new NackGenerator(listener, 0);
        generator.receivePacket(0, false, false, 0);
        generator.receivePacket(600, true, false, 0);
        assertEquals(599, generator.pendingCount());
        generator.receivePacket(1200, false, false, 0);
        assertEquals(0, keyFrameRequests, "dropping what precedes the key frame made room");
        assertEquals(599, generator.pendingCount());
        int[] last = nacks.get(nacks.size() - 1);
        assertEquals(601, last[0]);
        assertEquals(1199, last[last.length - 1]);
        assertEquals(NackGenerator.NOT_MISSING, generator.receivePacket(5, false, false, 0), "older than the key frame: forgotten");
        assertEquals(599, generator.pendingCount());
    }

    @Test
    void fullListWithoutAKeyFrameToTrimAsksForOne() {
        NackGenerator generator = new NackGenerator(listener, 0);
        generator.receivePacket(0, false, false, 0);
        generator.receivePacket(600, false, false, 0);
        generator.receivePacket(1200, false, false, 0);
        assertEquals(1, keyFrameRequests);
        assertEquals(0, generator.pendingCount());
        nacks.clear();
        generator.receivePacket(1202, false, false, 0);
        assertEquals(List.of(1201), seqs(), "carries on from the new packet");
    }

    @Test
    void wrapAroundKeepsTheListOrdered() {
        NackGenerator generator = new NackGenerator(listener, 0);
        generator.receivePacket(65530, false, false, 0);
        generator.receivePacket(65533, false, false, 0);
        generator.receivePacket(2, false, false, 0);
        assertEquals(List.of(65531, 65532, 65534, 65535, 0, 1), seqs());
        nacks.clear();
        assertEquals(NackGenerator.RETRANSMITTED, generator.receivePacket(0, false, false, 1));
        generator.onTimer(100);
        assertArrayEquals(new int[] {65531, 65532, 65534, 65535, 1}, nacks.get(0));
    }

    @Test
    void resetForgetsEverything() {
        NackGenerator generator = new NackGenerator(listener, 0);
        generator.receivePacket(1, false, false, 0);
        generator.receivePacket(5, false, false, 0);
        generator.reset();
        assertEquals(0, generator.pendingCount());
        nacks.clear();
        generator.receivePacket(40_000, false, false, 0);
        generator.onTimer(1000);
        assertTrue(nacks.isEmpty(), "the first packet after a reset starts afresh");
    }

    private List<Integer> seqs() {
        List<Integer> all = new ArrayList<>();
        for (int[] nack : nacks) {
            for (int seq : nack) {
                all.add(seq);
            }
        }
        return all;
    }
}
