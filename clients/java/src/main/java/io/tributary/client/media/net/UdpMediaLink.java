package io.tributary.client.media.net;

import io.tributary.client.media.PeerLoop;
import io.tributary.worker.net.UdpEndpoint;
import io.vertx.core.Future;
import java.net.InetSocketAddress;

/** A UDP socket bound on loopback (the worker's Netty endpoint) that only talks to one remote candidate. */
public final class UdpMediaLink implements MediaLink {

    private final UdpEndpoint endpoint;
    private final InetSocketAddress remote;

    private UdpMediaLink(UdpEndpoint endpoint, InetSocketAddress remote) {
        this.endpoint = endpoint;
        this.remote = remote;
    }

    /** Binds {@code bindIp}:any on the peer's loop; datagrams from other addresses are ignored. */
    public static Future<MediaLink> open(PeerLoop loop, String bindIp, InetSocketAddress remote, Receiver receiver) {
        return UdpEndpoint.bind(loop.context(), bindIp, 0, (buf, off, len, tuple) -> {
            if (remote.equals(tuple.remote())) {
                receiver.onPacket(buf, off, len);
            }
        }).map(endpoint -> new UdpMediaLink(endpoint, remote));
    }

    @Override
    public void send(byte[] buf, int off, int len) {
        endpoint.send(buf, off, len, remote);
    }

    @Override
    public InetSocketAddress localAddress() {
        return endpoint.localAddress();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public String protocol() {
        return "udp";
    }

    @Override
    public void close() {
        endpoint.close();
    }
}
