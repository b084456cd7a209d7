package io.tributary.worker.srtp;

import java.util.Arrays;

/**
 * An int-keyed open-addressing map for per-SSRC crypto contexts: lookups neither box the SSRC nor
 * allocate. Linear probing with backward-shift deletion; grows at half load.
 */
final class SsrcMap<V> {

    private int[] keys = new int[16];
    private Object[] values = new Object[16];
    private int size;

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    V get(int key) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); values[i] != null; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return (V) values[i];
            }
        }
        return null;
    }

    void put(int key, V value) {
        if (2 * (size + 1) > keys.length) {
            resize();
        }
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (values[i] != null && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (values[i] == null) {
            size++;
        }
        keys[i] = key;
        values[i] = value;
    }

    @SuppressWarnings("unchecked")
    V remove(int key) {
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (values[i] != null && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (values[i] == null) {
            return null;
        }
        V removed = (V) values[i];
        values[i] = null;
        size--;
        // Shift later entries of the probe run back so lookups never stop at the hole.
        for (int j = (i + 1) & mask; values[j] != null; j = (j + 1) & mask) {
            int home = slot(keys[j], mask);
            if (((j - home) & mask) >= ((j - i) & mask)) {
                keys[i] = keys[j];
                values[i] = values[j];
                values[j] = null;
                i = j;
            }
        }
        return removed;
    }

    void clear() {
        Arrays.fill(values, null);
        size = 0;
    }

    private void resize() {
        int[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new Object[oldValues.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                @SuppressWarnings("unchecked")
                V value = (V) oldValues[i];
                put(oldKeys[i], value);
            }
        }
    }

    /** Fibonacci hashing spreads sequential SSRCs. */
    private static int slot(int key, int mask) {
        return ((key * 0x9E3779B9) >>> 16) & mask;
    }
}
