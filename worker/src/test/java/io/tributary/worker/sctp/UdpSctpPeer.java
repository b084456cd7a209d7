package io.tributary.worker.sctp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Our association over a real loopback UDP socket, driven by one thread that plays the event loop: how the
 * interop test meets an independent SCTP stack.
 */
final class UdpSctpPeer implements AutoCloseable, SctpAssociation.Listener {

    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "sctp-loop");
        thread.setDaemon(true);
        return thread;
    });
    private final DatagramSocket socket;
    private final Thread receiver;
    private final SctpAssociation association;
    private volatile InetSocketAddress peer;
    final BlockingQueue<SctpState> states = new LinkedBlockingQueue<>();
    final BlockingQueue<RecordingListener.Message> messages = new LinkedBlockingQueue<>();
    /** Every value the buffered amount dropped to. */
    final BlockingQueue<Long> bufferedLevels = new LinkedBlockingQueue<>();

    UdpSctpPeer(SctpOptions options) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        // Room for the peer's bursts: loopback drops what overflows, and the npm stack recovers from a burst
        // loss only one TSN per retransmission timeout.
        socket.setReceiveBufferSize(4 << 20);
        association = SctpAssociations.create(options, this::send, this, new LoopTimers());
        receiver = new Thread(this::receive, "sctp-udp-receive");
        receiver.setDaemon(true);
        receiver.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    void peerPort(int port) {
        peer = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** Runs {@code call} on the loop thread and returns its result. */
    <T> T onLoop(Callable<T> call) throws Exception {
        return loop.submit(call).get(10, TimeUnit.SECONDS);
    }

    SctpAssociation association() {
        return association;
    }

    private void send(byte[] packet, int offset, int length) {
        try {
            socket.send(new DatagramPacket(packet, offset, length, peer));
        } catch (IOException e) {
            throw new IllegalStateException("loopback UDP send failed", e);
        }
    }

    private void receive() {
        byte[] buffer = new byte[65_536];
        while (!socket.isClosed()) {
            DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(datagram);
            } catch (IOException e) {
                return;
            }
            byte[] copy = Arrays.copyOf(buffer, datagram.getLength());
            loop.execute(() -> association.receivePacket(copy, 0, copy.length));
        }
    }

    @Override
    public void onStateChange(SctpState state) {
        states.add(state);
    }

    @Override
    public void onMessage(int streamId, int ppid, byte[] payload) {
        messages.add(new RecordingListener.Message(streamId, ppid, payload));
    }

    @Override
    public void onIncomingStreamsReset(int[] streamIds) {
    }

    @Override
    public void onBufferedAmountDecreased(long previous, long current) {
        bufferedLevels.add(current);
    }

    @Override
    public void close() throws Exception {
        loop.submit(association::close).get(10, TimeUnit.SECONDS);
        socket.close();
        receiver.join(5_000);
        loop.shutdownNow();
    }

    /** Timers on the loop thread; every call happens on that thread. */
    private final class LoopTimers implements SctpTimers {

        private final Map<Long, ScheduledFuture<?>> pending = new HashMap<>();
        private long nextId;

        @Override
        public long nowMillis() {
            return System.nanoTime() / 1_000_000;
        }

        @Override
        public long schedule(long delayMillis, Runnable task) {
            long id = nextId++;
            pending.put(id, loop.schedule(() -> {
                pending.remove(id);
                task.run();
            }, delayMillis, TimeUnit.MILLISECONDS));
            return id;
        }

        @Override
        public void cancel(long timerId) {
            ScheduledFuture<?> future = pending.remove(timerId);
            if (future != null) {
                future.cancel(false);
            }
        }
    }
}
