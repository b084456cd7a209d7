package io.tributary.worker.sctp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

/** Two associations back to back over lossy links on one manual clock. */
final class AssociationPair {

    static final SctpOptions OPTIONS = new SctpOptions(1024, 1024, 262_144, 4 * 1024 * 1024);

    final ManualTimers timers = new ManualTimers();
    final LossyLink aToB;
    final LossyLink bToA;
    final RecordingListener aEvents = new RecordingListener();
    final RecordingListener bEvents = new RecordingListener();
    final Association a;
    final Association b;

    AssociationPair() {
        this(OPTIONS, OPTIONS, 1);
    }

    AssociationPair(SctpOptions aOptions, SctpOptions bOptions, long seed) {
        aToB = new LossyLink(timers, seed);
        bToA = new LossyLink(timers, seed + 1);
        a = new Association(aOptions, aToB, aEvents, timers, new Random(seed + 2));
        b = new Association(bOptions, bToA, bEvents, timers, new Random(seed + 3));
        aToB.connectTo(b);
        bToA.connectTo(a);
    }

    /** Both sides call connect(), as WebRTC endpoints do, and the pair waits until both are connected. */
    AssociationPair connected() {
        a.connect();
        b.connect();
        assertTrue(timers.runUntil(this::bothConnected, 10_000), "both sides connect");
        return this;
    }

    boolean bothConnected() {
        return a.state() == SctpState.CONNECTED && b.state() == SctpState.CONNECTED;
    }

    void lossy(double loss, double duplication, long jitterMillis) {
        for (LossyLink link : new LossyLink[] {aToB, bToA}) {
            link.loss = loss;
            link.duplication = duplication;
            link.jitterMillis = jitterMillis;
        }
    }
}
