package io.tributary.client.media.data;

import io.tributary.client.media.PeerLoop;
import io.tributary.worker.sctp.SctpAssociation.SendResult;
import io.tributary.worker.sctp.SctpReliability;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * A negotiated DataChannel (RFC 8832's DCEP is not used with mediasoup): both ends agree on the
 * stream id out of band, through {@code produceData}/{@code newDataConsumer}. Messages received are
 * kept in order for tests and load tools to inspect.
 */
public final class DataChannel {

    private final PeerDataChannels owner;
    private final PeerLoop loop;
    private final int streamId;
    private final String label;
    private final SctpReliability reliability;
    private final List<DataMessage> received = new ArrayList<>();
    private final List<Waiter> waiters = new ArrayList<>();

    private record Waiter(Predicate<List<DataMessage>> condition, CompletableFuture<List<DataMessage>> done) {}

    DataChannel(PeerDataChannels owner, PeerLoop loop, int streamId, String label, SctpReliability reliability) {
        this.owner = owner;
        this.loop = loop;
        this.streamId = streamId;
        this.label = label;
        this.reliability = reliability;
    }

    public int streamId() {
        return streamId;
    }

    public String label() {
        return label;
    }

    /** Sends text (ppid 51; an empty string goes as ppid 56 with one space, as browsers do). */
    public CompletableFuture<SendResult> send(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return bytes.length == 0
                ? owner.send(this, DataMessage.PPID_EMPTY_STRING, new byte[] {' '}, reliability)
                : owner.send(this, DataMessage.PPID_STRING, bytes, reliability);
    }

    /** Sends bytes (ppid 53; an empty array goes as ppid 57 with one zero byte). */
    public CompletableFuture<SendResult> send(byte[] bytes) {
        return bytes.length == 0
                ? owner.send(this, DataMessage.PPID_EMPTY_BINARY, new byte[1], reliability)
                : owner.send(this, DataMessage.PPID_BINARY, bytes.clone(), reliability);
    }

    /** A copy of the messages received so far. */
    public CompletableFuture<List<DataMessage>> received() {
        return loop.call(() -> List.copyOf(received));
    }

    /** Completes (on the peer's loop) once the messages received satisfy {@code condition}. */
    public CompletableFuture<List<DataMessage>> await(Predicate<List<DataMessage>> condition) {
        CompletableFuture<List<DataMessage>> done = new CompletableFuture<>();
        loop.execute(() -> {
            waiters.add(new Waiter(condition, done));
            checkWaiters();
        });
        return done;
    }

    void onMessage(DataMessage message) {
        received.add(message);
        checkWaiters();
    }

    void fail(RuntimeException cause) {
        waiters.forEach(w -> w.done().completeExceptionally(cause));
        waiters.clear();
    }

    private void checkWaiters() {
        waiters.removeIf(w -> {
            if (w.condition().test(received)) {
                w.done().complete(List.copyOf(received));
                return true;
            }
            return false;
        });
    }
}
