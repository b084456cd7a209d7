package io.tributary.worker.dtls;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Two DtlsTransports wired back to back in memory. Datagrams cross on a single "network" thread, as
 * a real socket would decouple them; the wire can also be cut to simulate a black hole.
 */
final class DtlsPair implements AutoCloseable {

    /** Records what one endpoint's listener saw. */
    static final class Events implements DtlsTransport.Listener {
        final List<DtlsState> states = new CopyOnWriteArrayList<>();
        final LinkedBlockingQueue<byte[]> data = new LinkedBlockingQueue<>();
        final CompletableFuture<DtlsState> closedOrFailed = new CompletableFuture<>();
        final CompletableFuture<DtlsHandshakeResult> connected = new CompletableFuture<>();

        @Override
        public void onStateChange(DtlsState state) {
            states.add(state);
            if (state == DtlsState.CLOSED || state == DtlsState.FAILED) {
                closedOrFailed.complete(state);
            }
        }

        @Override
        public void onConnected(DtlsHandshakeResult result) {
            connected.complete(result);
        }

        @Override
        public void onApplicationData(byte[] bytes) {
            data.add(bytes);
        }

        byte[] nextData() throws InterruptedException {
            byte[] bytes = data.poll(10, TimeUnit.SECONDS);
            if (bytes == null) {
                throw new AssertionError("no application data within 10 s");
            }
            return bytes;
        }
    }

    final DtlsCertificate certificateA;
    final DtlsCertificate certificateB;
    final Events eventsA = new Events();
    final Events eventsB = new Events();
    final DtlsTransport a;
    final DtlsTransport b;
    private final ExecutorService network = Executors.newSingleThreadExecutor();
    private volatile boolean cut;

    DtlsPair(DtlsCertificate certificateA, DtlsOptions optionsA, DtlsCertificate certificateB, DtlsOptions optionsB) {
        this.certificateA = certificateA;
        this.certificateB = certificateB;
        this.a = new DtlsTransport(certificateA, optionsA, (buf, off, len) -> carry(buf, off, len, true), eventsA);
        this.b = new DtlsTransport(certificateB, optionsB, (buf, off, len) -> carry(buf, off, len, false), eventsB);
    }

    DtlsPair(DtlsCertificate certificateA, DtlsCertificate certificateB) {
        this(certificateA, DtlsOptions.defaults(), certificateB, DtlsOptions.defaults());
    }

    private void carry(byte[] buf, int off, int len, boolean towardsB) {
        if (cut) {
            return;
        }
        byte[] copy = Arrays.copyOfRange(buf, off, off + len);
        network.execute(() -> (towardsB ? b : a).feed(copy, 0, copy.length));
    }

    /** Drops every datagram from now on. */
    void cut() {
        cut = true;
    }

    @Override
    public void close() {
        a.close();
        b.close();
        network.shutdownNow();
    }
}
