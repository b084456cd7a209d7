package io.tributary.server.cluster;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports for processes started later (a local cluster, tests), never the same one twice.
 * They are chosen below the kernel's ephemeral range: a port the kernel handed out for bind(0) can be
 * taken by an outgoing connection between the choice and the child's bind; one below it cannot.
 */
public final class LoopbackPorts {

    private static final int ATTEMPTS = 500;
    private static final int LOWEST = 20000;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int DEFAULT_EPHEMERAL_START = 32768;

    private final Set<Integer> taken = new HashSet<>();
    private final int below = ephemeralStart();

    /** Marks a port chosen by the user as used. */
    public synchronized void taken(int port) {
        taken.add(port);
    }

    /** A port free for TCP (and UDP). */
    public synchronized int tcp() {
        return mediaRange(1);
    }

    /** The first of {@code count} consecutive ports free for both TCP and UDP (a node's media ports). */
    public synchronized int mediaRange(int count) {
        for (int i = 0; i < ATTEMPTS; i++) {
            int first = ThreadLocalRandom.current().nextInt(LOWEST, below - count);
            boolean free = true;
            for (int p = first; p < first + count && free; p++) {
                free = !taken.contains(p) && freeForBoth(p);
            }
            if (free) {
                for (int p = first; p < first + count; p++) {
                    taken.add(p);
                }
                return first;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free loopback ports below " + below);
    }

    private static int ephemeralStart() {
        try {
            int start = Integer.parseInt(Files.readString(EPHEMERAL_RANGE).trim().split("\\s+")[0]);
            return start > LOWEST + 1000 ? start : DEFAULT_EPHEMERAL_START;
        } catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL_START;
        }
    }

    private static boolean freeForBoth(int port) {
        try (ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
             DatagramSocket udp = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
            return tcp.getLocalPort() == port && udp.getLocalPort() == port;
        } catch (IOException e) {
            return false;
        }
    }
}
