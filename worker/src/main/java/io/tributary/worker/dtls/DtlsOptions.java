package io.tributary.worker.dtls;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import io.tributary.worker.srtp.SrtpProfile;

/**
 * Tuning of a {@link DtlsTransport}.
 *
 * @param mtu               largest datagram DTLS may send (mediasoup: 1350)
 * @param handshakeTimeout  the handshake fails when not finished in this time
 * @param handshakeExecutor runs the blocking BouncyCastle handshake, one task per handshake
 * @param callbackExecutor  delivers listener callbacks; must run tasks in submission order
 *                          (e.g. a Vert.x context's {@code runOnContext})
 * @param receiveQueue      records buffered while the handshake thread is busy; more are dropped
 * @param srtpProfiles      SRTP profiles to offer or accept, most preferred first
 */
public record DtlsOptions(int mtu, Duration handshakeTimeout, Executor handshakeExecutor, Executor callbackExecutor,
        int receiveQueue, List<SrtpProfile> srtpProfiles) {

    public static final int DEFAULT_MTU = 1350;
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_RECEIVE_QUEUE = 64;

    private static final ExecutorService HANDSHAKES = Executors.newCachedThreadPool(new DaemonThreads());

    public DtlsOptions {
        if (mtu < 256 || handshakeTimeout.isNegative() || handshakeTimeout.isZero() || receiveQueue < 1
                || srtpProfiles.isEmpty()) {
            throw new IllegalArgumentException("invalid DTLS options");
        }
        srtpProfiles = List.copyOf(srtpProfiles);
    }

    /**
     * mediasoup's MTU and profile order, a 30 s timeout, a shared daemon pool for handshakes and
     * synchronous callbacks.
     */
    public static DtlsOptions defaults() {
        return new DtlsOptions(DEFAULT_MTU, DEFAULT_HANDSHAKE_TIMEOUT, HANDSHAKES, Runnable::run, DEFAULT_RECEIVE_QUEUE,
                SrtpProfile.DTLS_PREFERENCE);
    }

    public DtlsOptions withHandshakeTimeout(Duration timeout) {
        return new DtlsOptions(mtu, timeout, handshakeExecutor, callbackExecutor, receiveQueue, srtpProfiles);
    }

    public DtlsOptions withHandshakeExecutor(Executor executor) {
        return new DtlsOptions(mtu, handshakeTimeout, executor, callbackExecutor, receiveQueue, srtpProfiles);
    }

    public DtlsOptions withCallbackExecutor(Executor executor) {
        return new DtlsOptions(mtu, handshakeTimeout, handshakeExecutor, executor, receiveQueue, srtpProfiles);
    }

    public DtlsOptions withSrtpProfiles(List<SrtpProfile> profiles) {
        return new DtlsOptions(mtu, handshakeTimeout, handshakeExecutor, callbackExecutor, receiveQueue, profiles);
    }

    /** Handshake threads must not keep the JVM alive. */
    private static final class DaemonThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "tributary-dtls-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
