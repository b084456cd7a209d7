package io.tributary.client.media.net;

import io.tributary.client.media.PeerLoop;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.net.InetSocketAddress;

/**
 * An active ICE-TCP connection to a passive candidate, carrying RFC 4571 frames: a 16-bit length,
 * then one STUN, DTLS, RTP or RTCP packet.
 */
public final class TcpMediaLink implements MediaLink {

    private static final int LENGTH_PREFIX = 2;
    private static final int MAX_FRAME = 65535;

    private final NetClient client;
    private final NetSocket socket;
    private final InetSocketAddress local;
    private final InetSocketAddress remote;
    private final byte[] scratch = new byte[MAX_FRAME];

    private TcpMediaLink(NetClient client, NetSocket socket, InetSocketAddress remote) {
        this.client = client;
        this.socket = socket;
        this.local = new InetSocketAddress(socket.localAddress().host(), socket.localAddress().port());
        this.remote = remote;
    }

    /**
     * Connects from the peer's loop, so the socket's handlers run there.
     *
     * @param closed told (on the loop) when the connection ends, whoever closed it
     */
    public static Future<MediaLink> open(PeerLoop loop, String bindIp, InetSocketAddress remote, Receiver receiver,
                                         Runnable closed, int connectTimeoutMs) {
        NetClient client = loop.vertx().createNetClient(new NetClientOptions()
                .setTcpNoDelay(true)
                .setLocalAddress(bindIp)
                .setConnectTimeout(connectTimeoutMs));
        Promise<MediaLink> opened = Promise.promise();
        // Connect with the loop's Vert.x context current, so the socket's handlers run on it.
        loop.context().runOnContext(v -> client.connect(remote.getPort(), remote.getHostString())
                .<MediaLink>map(socket -> {
                    TcpMediaLink link = new TcpMediaLink(client, socket, remote);
                    link.startReading(receiver);
                    socket.closeHandler(ignored -> closed.run());
                    return link;
                })
                .onFailure(e -> client.close())
                .onComplete(opened));
        return opened.future();
    }

    private void startReading(Receiver receiver) {
        RecordParser parser = RecordParser.newFixed(LENGTH_PREFIX);
        parser.handler(new Handler<>() {
            private boolean expectingLength = true;

            @Override
            public void handle(Buffer record) {
                if (expectingLength) {
                    int length = record.getUnsignedShort(0);
                    if (length == 0) {
                        return;
                    }
                    expectingLength = false;
                    parser.fixedSizeMode(length);
                } else {
                    int length = record.length();
                    record.getBytes(0, length, scratch, 0);
                    expectingLength = true;
                    parser.fixedSizeMode(LENGTH_PREFIX);
                    receiver.onPacket(scratch, 0, length);
                }
            }
        });
        socket.handler(parser);
    }

    @Override
    public void send(byte[] buf, int off, int len) {
        if (len > MAX_FRAME) {
            return;
        }
        Buffer frame = Buffer.buffer(len + LENGTH_PREFIX);
        frame.appendUnsignedShort(len);
        frame.appendBytes(buf, off, len);
        socket.write(frame);
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public String protocol() {
        return "tcp";
    }

    @Override
    public void close() {
        socket.close();
        client.close();
    }
}
