package io.tributary.worker.observer;

import io.tributary.worker.MediaEntity;
import io.tributary.worker.WorkerLoop;
import io.tributary.worker.errors.InvalidStateError;
import io.tributary.worker.errors.MediasoupError;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.events.Event;
import io.tributary.worker.ortc.MediaKind;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.rtp.RtpPacket;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * mediasoup's RtpObserver: watches the RTP of the audio producers added to it and reports on a
 * periodic timer on the worker loop. The router feeds it the packets it fans out.
 */
public abstract class RtpObserver extends MediaEntity {

    /** The observer closed because its router closed. */
    public static final Event<Void> ROUTER_CLOSE = Event.signal("routerclose");
    /** Observer: closed, for any reason. */
    public static final Event<Void> CLOSE = Event.signal("close");
    public static final Event<Void> PAUSE = Event.signal("pause");
    public static final Event<Void> RESUME = Event.signal("resume");
    public static final Event<Producer> ADD_PRODUCER = Event.of("addproducer", Producer.class);
    public static final Event<Producer> REMOVE_PRODUCER = Event.of("removeproducer", Producer.class);

    /** What an observer needs from its router: producer lookup and the packet feed. */
    public interface Host {
        WorkerLoop loop();

        Vertx vertx();

        /** The router's producer with this id, or null. */
        Producer producer(String producerId);

        /** Starts (or stops) feeding {@code producer}'s packets to {@code observer}. */
        void observe(Producer producer, RtpObserver observer, boolean on);

        void forget(RtpObserver observer);
    }

    protected final Host host;
    private final List<Producer> producers = new ArrayList<>();
    private final long intervalMs;
    private boolean paused;
    private long timer = -1;

    protected RtpObserver(String id, Host host, long intervalMs, Map<String, Object> appData) {
        super(id, appData);
        this.host = host;
        this.intervalMs = intervalMs;
    }

    /** Called by the router once registered, on the loop. */
    public final void start() {
        timer = host.vertx().setPeriodic(intervalMs, t -> {
            if (!paused) {
                onInterval();
            }
        });
    }

    public final boolean paused() {
        return paused;
    }

    public final long intervalMs() {
        return intervalMs;
    }

    /** The producers added and still open, in the order they were added. */
    public final List<Producer> producers() {
        return List.copyOf(producers);
    }

    public final Future<Void> pause() {
        return host.loop().call(() -> {
            assertOpen();
            if (!paused) {
                paused = true;
                onPaused();
                observer.emit(PAUSE);
            }
            return null;
        });
    }

    public final Future<Void> resume() {
        return host.loop().call(() -> {
            assertOpen();
            if (paused) {
                paused = false;
                observer.emit(RESUME);
            }
            return null;
        });
    }

    public final Future<Void> addProducer(String producerId) {
        return host.loop().call(() -> {
            assertOpen();
            Producer producer = findProducer(producerId);
            if (producer.kind() != MediaKind.AUDIO) {
                throw new TypeError("not an audio Producer");
            }
            if (producers.contains(producer)) {
                throw new MediasoupError("Producer already in map");
            }
            producers.add(producer);
            onProducerAdded(producer);
            host.observe(producer, this, true);
            observer.emit(ADD_PRODUCER, producer);
            return null;
        });
    }

    public final Future<Void> removeProducer(String producerId) {
        return host.loop().call(() -> {
            assertOpen();
            Producer producer = findProducer(producerId);
            if (producers.remove(producer)) {
                host.observe(producer, this, false);
                onProducerRemoved(producer);
            }
            observer.emit(REMOVE_PRODUCER, producer);
            return null;
        });
    }

    /** The producer closed: mediasoup drops it silently, without {@code removeproducer}. */
    public final void producerClosed(Producer producer) {
        if (producers.remove(producer)) {
            onProducerRemoved(producer);
        }
    }

    /** A packet of an added producer, as the router fans it out; must not allocate. */
    public final void receiveRtp(Producer producer, RtpPacket packet) {
        if (!paused) {
            onRtp(producer, packet);
        }
    }

    /** Closes the observer; a no-op when already closed. Any thread. */
    public final void close() {
        host.loop().execute(() -> {
            if (!closed()) {
                closeInternal(null);
            }
        });
    }

    /** The router closed: mediasoup emits {@code routerclose}, then observer {@code close}. */
    public final void routerClosed() {
        if (!closed()) {
            closeInternal(ROUTER_CLOSE);
        }
    }

    private void closeInternal(Event<Void> reason) {
        markClosed();
        host.vertx().cancelTimer(timer);
        for (Producer producer : producers) {
            host.observe(producer, this, false);
        }
        producers.clear();
        host.forget(this);
        runCloseHooks();
        if (reason != null) {
            events.emit(reason);
        }
        observer.emit(CLOSE);
    }

    private Producer findProducer(String producerId) {
        if (producerId == null) {
            throw new TypeError("missing producerId");
        }
        Producer producer = host.producer(producerId);
        if (producer == null) {
            throw new MediasoupError("Producer with id \"" + producerId + "\" not found");
        }
        return producer;
    }

    private void assertOpen() {
        if (closed()) {
            throw new InvalidStateError("RtpObserver closed");
        }
    }

    protected abstract void onRtp(Producer producer, RtpPacket packet);

    /** Every interval while not paused. */
    protected abstract void onInterval();

    protected abstract void onPaused();

    protected abstract void onProducerAdded(Producer producer);

    protected abstract void onProducerRemoved(Producer producer);
}
