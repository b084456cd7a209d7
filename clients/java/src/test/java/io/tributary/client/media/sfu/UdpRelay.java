package io.tributary.client.media.sfu;

import io.tributary.client.media.RemoteTransport;
import io.tributary.worker.ortc.IceCandidate;
import io.tributary.worker.ortc.TransportProtocol;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A UDP relay between a peer and the SFU's UDP candidate, so a test owns the peer's validated tuple:
 * the peer talks to {@link #front()}, the SFU sees {@link #back()} as the peer, ICE validates it, and
 * the test can send from it too. Everything the peer sends is captured (per RFC 7983 kind, the newest
 * {@value #CAPTURE_PER_KIND} of each), and the peer's RTP can be held back instead of forwarded.
 */
final class UdpRelay implements AutoCloseable {

    /** RFC 7983 demultiplexing of the first byte (RTCP: RTP range with packet type 192..223). */
    enum Kind {
        STUN, DTLS, RTP, RTCP, OTHER;

        static Kind of(byte[] buf, int len) {
            if (len == 0) {
                return OTHER;
            }
            int first = buf[0] & 0xFF;
            if (first <= 3) {
                return STUN;
            }
            if (first >= 20 && first <= 63) {
                return DTLS;
            }
            if (first >= 128 && first <= 191) {
                int type = len > 1 ? buf[1] & 0xFF : 0;
                return type >= 192 && type <= 223 ? RTCP : RTP;
            }
            return OTHER;
        }
    }

    static final int CAPTURE_PER_KIND = 512;

    private final DatagramSocket front;
    private final DatagramSocket back;
    private final InetSocketAddress sfu;
    private final Map<Kind, ArrayDeque<byte[]>> captured = new EnumMap<>(Kind.class);
    private final List<byte[]> held = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private CompletableFuture<List<byte[]>> heldWaiter;
    private int heldWanted;
    private volatile boolean holdRtp;
    private volatile InetSocketAddress peer;
    private volatile boolean closed;

    private UdpRelay(InetSocketAddress sfu) throws SocketException {
        this.sfu = sfu;
        this.front = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        this.back = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        for (Kind kind : Kind.values()) {
            captured.put(kind, new ArrayDeque<>());
        }
    }

    /** Starts relaying towards the SFU's UDP socket at {@code sfu}. */
    static UdpRelay start(InetSocketAddress sfu) {
        try {
            UdpRelay relay = new UdpRelay(sfu);
            relay.pump("relay-up", relay.front, relay::fromPeer);
            relay.pump("relay-down", relay.back, relay::fromSfu);
            return relay;
        } catch (SocketException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the transport offers, with its UDP candidates pointing at the relay instead. */
    RemoteTransport rewrite(RemoteTransport remote) {
        List<IceCandidate> candidates = new ArrayList<>();
        for (IceCandidate c : remote.iceCandidates()) {
            candidates.add(c.protocol() != TransportProtocol.UDP ? c : new IceCandidate(c.foundation(), c.priority(),
                    "127.0.0.1", "127.0.0.1", c.protocol(), front.getLocalPort(), c.type(), c.tcpType()));
        }
        return new RemoteTransport(remote.iceParameters(), candidates, remote.dtlsParameters());
    }

    /** The socket the SFU takes for the peer: its tuple is the one ICE validates. */
    DatagramSocket back() {
        return back;
    }

    InetSocketAddress sfu() {
        return sfu;
    }

    /** A copy of the newest captured packets of a kind the peer sent, oldest first. */
    synchronized List<byte[]> captured(Kind kind) {
        return List.copyOf(captured.get(kind));
    }

    /** From now on the peer's RTP is kept back (in order) instead of forwarded; or forwarded again. */
    void holdRtp(boolean hold) {
        holdRtp = hold;
    }

    /** Completes with the first {@code count} RTP packets held back. */
    synchronized CompletableFuture<List<byte[]>> awaitHeld(int count) {
        CompletableFuture<List<byte[]>> waiter = new CompletableFuture<>();
        if (held.size() >= count) {
            waiter.complete(List.copyOf(held.subList(0, count)));
        } else {
            heldWaiter = waiter;
            heldWanted = count;
        }
        return waiter;
    }

    /** Sends a datagram to the SFU from the peer's validated tuple. */
    void sendFromBack(byte[] packet) {
        send(back, packet, packet.length, sfu);
    }

    private void fromPeer(DatagramPacket in) {
        peer = (InetSocketAddress) in.getSocketAddress();
        byte[] copy = java.util.Arrays.copyOfRange(in.getData(), in.getOffset(), in.getOffset() + in.getLength());
        Kind kind = Kind.of(copy, copy.length);
        if (kind == Kind.RTP && holdRtp) {
            hold(copy);
            return;
        }
        send(back, copy, copy.length, sfu);
        // Captured after forwarding, so the SFU has seen every captured packet before a test replays it.
        capture(kind, copy);
    }

    private void fromSfu(DatagramPacket in) {
        InetSocketAddress to = peer;
        if (to != null) {
            send(front, in.getData(), in.getLength(), to);
        }
    }

    private synchronized void capture(Kind kind, byte[] packet) {
        ArrayDeque<byte[]> ring = captured.get(kind);
        if (ring.size() == CAPTURE_PER_KIND) {
            ring.removeFirst();
        }
        ring.addLast(packet);
    }

    private synchronized void hold(byte[] packet) {
        held.add(packet);
        if (heldWaiter != null && held.size() >= heldWanted) {
            heldWaiter.complete(List.copyOf(held.subList(0, heldWanted)));
            heldWaiter = null;
        }
    }

    private void send(DatagramSocket socket, byte[] buf, int len, InetSocketAddress to) {
        try {
            socket.send(new DatagramPacket(buf, 0, len, to));
        } catch (IOException e) {
            if (!closed) {
                throw new IllegalStateException("relay send failed", e);
            }
        }
    }

    private void pump(String name, DatagramSocket socket, java.util.function.Consumer<DatagramPacket> handler) {
        Thread thread = new Thread(() -> {
            DatagramPacket in = new DatagramPacket(new byte[2048], 2048);
            while (!closed) {
                try {
                    in.setLength(2048);
                    socket.receive(in);
                    handler.accept(in);
                } catch (IOException | RuntimeException e) {
                    if (closed) {
                        return;
                    }
                }
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        threads.add(thread);
    }

    @Override
    public void close() {
        closed = true;
        front.close();
        back.close();
        for (Thread thread : threads) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
