package io.tributary.worker.transport.pipe;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A UDP relay between two pipe transports that loses one RTP packet of a given payload type on its way
 * from A to B (the Nth of that type), and counts the RTP packets of another type (RTX) it passes.
 * A connects to {@link #portForA()}, B to {@link #portForB()}; each sees the relay as its remote.
 */
final class LossyRelay implements AutoCloseable {

    private final DatagramSocket forA;
    private final DatagramSocket forB;
    private final int dropPayloadType;
    private final int dropNth;
    private final int countPayloadType;
    private final AtomicInteger seenOfDropType = new AtomicInteger();
    private final AtomicInteger counted = new AtomicInteger();
    private final Thread aToB;
    private final Thread bToA;
    private volatile boolean closed;

    LossyRelay(InetSocketAddress a, InetSocketAddress b, int dropPayloadType, int dropNth, int countPayloadType)
            throws IOException {
        this.forA = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        this.forB = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        this.dropPayloadType = dropPayloadType;
        this.dropNth = dropNth;
        this.countPayloadType = countPayloadType;
        this.aToB = start("relay A->B", forA, forB, b, true);
        this.bToA = start("relay B->A", forB, forA, a, false);
    }

    int portForA() {
        return forA.getLocalPort();
    }

    int portForB() {
        return forB.getLocalPort();
    }

    /** RTP packets of the counted payload type that went from A to B. */
    int counted() {
        return counted.get();
    }

    private Thread start(String name, DatagramSocket in, DatagramSocket out, InetSocketAddress to, boolean lossy)
            throws IOException {
        in.setSoTimeout(50);
        Thread thread = new Thread(() -> forward(in, out, to, lossy), name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void forward(DatagramSocket in, DatagramSocket out, InetSocketAddress to, boolean lossy) {
        byte[] buf = new byte[2048];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buf, buf.length);
            try {
                in.receive(packet);
                if (lossy && drop(buf, packet.getLength())) {
                    continue;
                }
                out.send(new DatagramPacket(buf, packet.getLength(), to));
            } catch (SocketTimeoutException e) {
                // check closed and wait again
            } catch (IOException e) {
                return;
            }
        }
    }

    private boolean drop(byte[] buf, int len) {
        int secondByte = buf[1] & 0xff;
        if (len < 12 || (secondByte >= 192 && secondByte <= 223)) {
            return false;
        }
        int payloadType = secondByte & 0x7f;
        if (payloadType == countPayloadType) {
            counted.incrementAndGet();
        }
        return payloadType == dropPayloadType && seenOfDropType.incrementAndGet() == dropNth;
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        aToB.join();
        bToA.join();
        forA.close();
        forB.close();
    }
}
