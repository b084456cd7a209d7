package io.tributary.worker.sctp;

import java.util.Random;
import java.util.function.Predicate;

/**
 * One direction of an in-memory network on the manual clock: delay with jitter (so packets reorder), random
 * loss and duplication, and a filter that drops chosen packets.
 */
final class LossyLink implements SctpAssociation.Output {

    private final ManualTimers timers;
    private final Random random;
    private SctpAssociation receiver;
    long delayMillis = 10;
    long jitterMillis;
    double loss;
    double duplication;
    /** Drops the packets it accepts (they still count as sent). */
    Predicate<byte[]> dropIf = p -> false;
    int sent;
    int delivered;

    LossyLink(ManualTimers timers, long seed) {
        this.timers = timers;
        this.random = new Random(seed);
    }

    void connectTo(SctpAssociation receiver) {
        this.receiver = receiver;
    }

    @Override
    public void sendPacket(byte[] packet, int offset, int length) {
        byte[] copy = new byte[length];
        System.arraycopy(packet, offset, copy, 0, length);
        sent++;
        if (dropIf.test(copy) || random.nextDouble() < loss) {
            return;
        }
        deliverLater(copy);
        if (random.nextDouble() < duplication) {
            deliverLater(copy);
        }
    }

    private void deliverLater(byte[] packet) {
        long delay = delayMillis + (jitterMillis > 0 ? random.nextLong(jitterMillis + 1) : 0);
        timers.schedule(delay, () -> {
            delivered++;
            receiver.receivePacket(packet, 0, packet.length);
        });
    }
}
