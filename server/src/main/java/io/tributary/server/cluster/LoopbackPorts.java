package io.tributary.server.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/** Free loopback ports for the processes of a local cluster, never the same one twice. */
final class LoopbackPorts {

    private static final int ATTEMPTS = 200;

    private final Set<Integer> taken = new HashSet<>();

    /** Marks a port chosen by the user as used. */
    void taken(int port) {
        taken.add(port);
    }

    /** A free TCP port. */
    int tcp() {
        for (int i = 0; i < ATTEMPTS; i++) {
            int port = ephemeral();
            if (taken.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port");
    }

    /** The first of {@code count} consecutive ports free for both TCP and UDP (a node's media ports). */
    int mediaRange(int count) {
        for (int i = 0; i < ATTEMPTS; i++) {
            int first = ephemeral();
            if (first + count - 1 > 65535) {
                continue;
            }
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
        throw new IllegalStateException("no " + count + " consecutive free loopback ports");
    }

    private static int ephemeral() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
