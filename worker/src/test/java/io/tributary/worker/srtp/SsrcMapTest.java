package io.tributary.worker.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The per-SSRC context map against java.util.HashMap under random puts and removals. */
class SsrcMapTest {

    @Test
    void behavesLikeAHashMap() {
        SsrcMap<String> map = new SsrcMap<>();
        Map<Integer, String> reference = new HashMap<>();
        Random random = new Random(5);
        for (int i = 0; i < 50_000; i++) {
            // A small key space forces collisions, probe runs and backward shifts.
            int key = random.nextInt(200) * (random.nextBoolean() ? 1 : -65_536);
            if (random.nextInt(3) == 0) {
                assertEquals(reference.remove(key), map.remove(key));
            } else {
                String value = "v" + i;
                reference.put(key, value);
                map.put(key, value);
            }
            assertEquals(reference.size(), map.size());
        }
        for (int key = -200 * 65_536; key < 200; key += 65_536) {
            assertEquals(reference.get(key), map.get(key));
        }
        for (Map.Entry<Integer, String> entry : reference.entrySet()) {
            assertEquals(entry.getValue(), map.get(entry.getKey()));
        }
        map.clear();
        assertEquals(0, map.size());
        assertNull(map.get(0));
    }
}
