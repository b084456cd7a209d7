package io.tributary.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free loopback ports for servers started by tests. */
public final class FreePorts {

    private FreePorts() {
    }

    /** The first of two consecutive ports free for TCP and UDP (a node's media ports for two workers). */
    public static int tcpPair() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first = tcp();
            if (first < 65535 && free(first) && free(first + 1)) {
                return first;
            }
        }
        throw new IllegalStateException("no two consecutive free ports");
    }

    private static boolean free(int port) {
        try (ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
             java.net.DatagramSocket udp = new java.net.DatagramSocket(port, InetAddress.getLoopbackAddress())) {
            return tcp.getLocalPort() == port && udp.getLocalPort() == port;
        } catch (IOException e) {
            return false;
        }
    }

    public static int tcp() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
