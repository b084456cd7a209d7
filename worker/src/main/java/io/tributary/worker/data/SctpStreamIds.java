package io.tributary.worker.data;

import io.tributary.worker.errors.MediasoupError;

/**
 * The outgoing stream ids a transport gives its DataConsumers, as mediasoup allocates them: the
 * first free id in [0, MIS), scanning from just after the last one given; freed on close.
 */
final class SctpStreamIds {

    private final boolean[] used;
    private int next;

    SctpStreamIds(int mis) {
        this.used = new boolean[mis];
    }

    int allocate() {
        for (int i = 0; i < used.length; i++) {
            int id = (next + i) % used.length;
            if (!used[id]) {
                used[id] = true;
                next = id + 1;
                return id;
            }
        }
        throw new MediasoupError("no sctpStreamId available");
    }

    void release(int id) {
        used[id] = false;
    }

    boolean inUse(int id) {
        return id >= 0 && id < used.length && used[id];
    }
}
