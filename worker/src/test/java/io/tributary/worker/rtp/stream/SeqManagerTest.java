package io.tributary.worker.rtp.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeqManagerTest {

    /**
     * Steps separated by spaces: {@code in>out} feeds an input and expects its output ({@code -1}
     * for a dropped input), {@code s} before it syncs to {@code in - 1} first, {@code dN} drops N.
     * Most tables are mediasoup's SeqManager test vectors.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ordered                  | 16 | 0 | 0>0 1>1 2>2 3>3 4>4 5>5 6>6 7>7 8>8 9>9 10>10 11>11",
        "ordered 15 bits          | 15 | 0 | 0>0 1>1 2>2 3>3 4>4 5>5 6>6 7>7 8>8 9>9 10>10 11>11",
        "sync                     | 16 | 0 | 0>0 1>1 2>2 s80>3 81>4 82>5 83>6 84>7",
        "sync and drop            | 16 | 0 | 0>0 1>1 2>2 3>3 s4>4 5>5 6>6 s7>7 d8 9>8 d11 10>9 12>10",
        "sync and drop 15 bits    | 15 | 0 | 0>0 1>1 2>2 3>3 s4>4 5>5 6>6 s7>7 d8 9>8 d11 10>9 12>10",
        "wrap                     | 16 | 0 | 65533>65533 65534>65534 65535>65535 0>0 1>1",
        "big jump                 | 16 | 0 | 0>0 1>1 1000>1000 1001>1001",
        "out of order over wrap   | 16 | 0 | 4>4 3>3 65535>65535",
        "drop before jump         | 16 | 0 | 0>0 d1 100>99 100>99 d103 101>100",
        "drop after jump          | 16 | 0 | 0>0 1>1 d100 d103 101>100",
        "older than a drop        | 16 | 0 | 0>0 d2 3>2 4>3 1>1",
        "dropped input offered    | 16 | 0 | 0>0 1>1 d2 3>2 2>-1 4>3",
        "many drops at start      | 16 | 0 | 1>1 d2 d3 d4 d5 d6 d7 d8 d9 120>112 121>113 139>131",
        "many drops at start 8b   | 8  | 0 | 1>1 d2 d3 d4 d5 d6 d7 d8 d9 120>112 121>113 127>119 128>120 139>131",
        "drops then half space    | 16 | 0 | 1>1 d2 d3 d4 d5 d6 d7 d8 d9 32768>32760 32769>32761 32780>32772",
        "drops then half space 15 | 15 | 0 | 1>1 d2 d3 d4 d5 d6 d7 d8 d9 16384>16376 16392>16384 16396>16388",
        "drops near max value     | 16 | 0 | s65530>1 65531>2 65532>3 d65533 d65534 65535>4 0>5 1>6 2>7 3>8",
        "drops near max 15 bits   | 15 | 0 | s32762>1 32763>2 32764>3 d32765 d32766 32767>4 0>5 1>6 2>7 3>8",
        "same output after drop   | 15 | 0 | s10>1 11>2 12>3 13>4 d14 15>5 12>3",
        "previous cycle drops 3b  | 3  | 0 | 1>1 d2 3>2 4>3 5>4 6>5 7>6 0>7 1>0 2>1 3>2",
        "initial output           | 16 | 1000 | 0>1000 1>1001 2>1002 11>1011",
        "initial output sync      | 16 | 2000 | 0>2000 1>2001 2>2002 s80>2003 81>2004 84>2007",
        "initial output drop      | 16 | 3000 | 0>3000 1>3001 2>3002 3>3003 s4>3004 5>3005 6>3006 s7>3007 d8 9>3008 d11 10>3009 12>3010",
        "initial output wrap      | 16 | 1000 | 65533>997 65534>998 65535>999 0>1000 1>1001",
        "initial output jump      | 16 | 32000 | 0>32000 1>32001 1000>33000 1001>33001",
        "initial output jump 15b  | 15 | 32000 | 0>32000 1>32001 1000>232 1001>233",
        "initial output reorder   | 16 | 1000 | 4>1004 3>1003 65535>999",
        "initial output drops     | 16 | 1000 | 0>1000 d1 100>1099 100>1099 d103 101>1100",
    })
    void table(String name, int bits, int initialOutput, String steps) {
        SeqManager manager = new SeqManager(bits, initialOutput);
        for (String step : steps.trim().split(" +")) {
            if (step.startsWith("d")) {
                manager.drop(Integer.parseInt(step.substring(1)));
                continue;
            }
            boolean sync = step.startsWith("s");
            String[] io = (sync ? step.substring(1) : step).split(">");
            int in = Integer.parseInt(io[0]);
            if (sync) {
                manager.sync(in - 1);
            }
            assertEquals(Integer.parseInt(io[1]), manager.input(in), name + " at " + step);
        }
    }

    @Test
    void mixedSyncsAndDrops() {
        // mediasoup's longest 16-bit table: syncs to unrelated streams, drops, wrap-around.
        String steps = "0>0 1>1 2>2 3>3 7>7 d6 8>8 10>10 9>9 11>11 s0>12 2>14 3>15 4>16 5>17 6>18 7>19 8>20 9>21 10>22"
                + " d9 s61>23 62>24 63>25 64>26 65>27 s11>28 12>29 13>30 14>31 15>32 s1>33 2>34 3>35 4>36 5>37"
                + " s65533>38 65534>39 65535>40 s0>41 1>42 d3 4>44 5>45 6>46 7>47";
        table("mixed", 16, 0, steps);
    }

    @Test
    void multipleRollOvers() {
        for (int bits : new int[] {16, 15, 8}) {
            SeqManager manager = new SeqManager(bits, 0);
            int mask = (1 << bits) - 1;
            manager.sync(-1);
            assertEquals(1, manager.input(0), "a fresh manager synced at -1 starts at 1");
            for (int round = 0; round < 3; round++) {
                for (int i = 1; i <= mask + 1; i++) {
                    int in = i & mask;
                    assertEquals((in + 1) & mask, manager.input(in), "bits " + bits);
                    assertEquals(in, manager.maxInput());
                }
            }
        }
    }

    @Test
    void maxOutputFollowsTheHighestOutput() {
        SeqManager manager = new SeqManager(16, 100);
        assertEquals(100, manager.maxOutput());
        manager.input(10);
        manager.input(12);
        manager.input(11);
        assertEquals(112, manager.maxOutput());
        manager.sync(499);
        assertEquals(113, manager.input(500));
        assertEquals(115, manager.input(502), "a gap in the new stream stays a gap");
    }

    /** Against a model that keeps every drop in a list, over random reordering, drops and syncs. */
    @Test
    void matchesTheUnboundedModel() {
        Random random = new Random(7);
        for (int bits : new int[] {16, 15, 8}) {
            int mask = (1 << bits) - 1;
            SeqManager manager = new SeqManager(bits, 0);
            Model model = new Model(bits);
            long next = random.nextInt(mask + 1);
            for (int i = 0; i < 200_000; i++) {
                int action = random.nextInt(1000);
                if (action < 2) {
                    next = random.nextInt(mask + 1);
                    manager.sync((int) next - 1);
                    model.sync((int) next - 1);
                } else if (action < 300) {
                    manager.drop((int) (next & mask));
                    model.drop((int) (next & mask));
                    next++;
                } else if (action < 400) {
                    int back = (int) (next - 1 - random.nextInt(Math.min(40, (mask + 1) / 4)));
                    assertEquals(model.input(back & mask), manager.input(back & mask), "bits " + bits + " step " + i);
                } else {
                    next += random.nextInt(3);
                    assertEquals(model.input((int) (next & mask)), manager.input((int) (next & mask)),
                            "bits " + bits + " step " + i);
                    next++;
                }
            }
        }
    }

    @Test
    void rejectsUnsupportedWidths() {
        assertThrows(IllegalArgumentException.class, () -> new SeqManager(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new SeqManager(17, 0));
    }

    /** The definition, with every drop remembered: output = input + base - drops before it. */
    private static final class Model {
        private final int mask;
        private final int half;
        private final List<Long> dropped = new ArrayList<>();
        private boolean started;
        private boolean outputStarted;
        private long max;
        private long maxOutput;
        private long base;

        Model(int bits) {
            mask = (1 << bits) - 1;
            half = 1 << (bits - 1);
        }

        private long unwrap(int v) {
            if (!started) {
                return v;
            }
            int d = (v - (int) (max & mask)) & mask;
            return d < half ? max + d : max + d - (mask + 1L);
        }

        int input(int v) {
            long ext = unwrap(v);
            if (!started || ext > max) {
                max = ext;
                started = true;
            } else if (dropped.contains(ext)) {
                return -1;
            }
            long before = dropped.stream().filter(d -> d < ext).count();
            long out = ext + base - before;
            if (!outputStarted || out > maxOutput) {
                maxOutput = out;
                outputStarted = true;
            }
            return (int) (out & mask);
        }

        void drop(int v) {
            long ext = unwrap(v);
            if (started && ext <= max) {
                return;
            }
            max = ext;
            started = true;
            dropped.add(ext);
        }

        void sync(int v) {
            dropped.clear();
            max = v & mask;
            started = true;
            base = maxOutput - max;
        }
    }
}
