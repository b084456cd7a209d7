package io.tributary.pipe.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A UDP relay in the middle of a pipe: the origin talks to {@link #originSide()}, the other node to
 * {@link #remoteSide()}. On the way from the origin it loses the Nth RTP packet of one payload type and
 * counts those of another (the RTX type).
 */
public final class LossyRelay implements AutoCloseable {

    private final DatagramSocket originSide;
    private final DatagramSocket remoteSide;
    private final int losePayloadType;
    private final int loseNth;
    private final int countPayloadType;
    private final AtomicInteger seen = new AtomicInteger();
    private final AtomicInteger counted = new AtomicInteger();
    private final Thread[] threads = new Thread[2];
    private volatile boolean closed;

    public LossyRelay(InetSocketAddress origin, InetSocketAddress remote, int losePayloadType, int loseNth,
                      int countPayloadType) throws IOException {
        this.originSide = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        this.remoteSide = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        this.losePayloadType = losePayloadType;
        this.loseNth = loseNth;
        this.countPayloadType = countPayloadType;
        threads[0] = relay(originSide, remoteSide, remote, true);
        threads[1] = relay(remoteSide, originSide, origin, false);
    }

    public int originSide() {
        return originSide.getLocalPort();
    }

    public int remoteSide() {
        return remoteSide.getLocalPort();
    }

    /** RTP packets of the counted type that went from the origin to the other node. */
    public int counted() {
        return counted.get();
    }

    private Thread relay(DatagramSocket from, DatagramSocket via, InetSocketAddress to, boolean lossy)
            throws IOException {
        from.setSoTimeout(50);
        Thread thread = new Thread(() -> {
            byte[] buf = new byte[2048];
            DatagramPacket packet = new DatagramPacket(buf, buf.length);
            while (!closed) {
                try {
                    packet.setLength(buf.length);
                    from.receive(packet);
                    if (!(lossy && lose(buf, packet.getLength()))) {
                        via.send(new DatagramPacket(buf, packet.getLength(), to));
                    }
                } catch (SocketTimeoutException e) {
                    // look at closed again
                } catch (IOException e) {
                    return;
                }
            }
        }, "lossy-relay");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** RTCP (types 192-223 in the second byte) passes; RTP of the lost type is lost once. */
    private boolean lose(byte[] buf, int len) {
        int second = buf[1] & 0xff;
        if (len < 12 || (second >= 192 && second <= 223)) {
            return false;
        }
        int payloadType = second & 0x7f;
        if (payloadType == countPayloadType) {
            counted.incrementAndGet();
        }
        return payloadType == losePayloadType && seen.incrementAndGet() == loseNth;
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        for (Thread thread : threads) {
            thread.join();
        }
        originSide.close();
        remoteSide.close();
    }
}
