package io.tributary.worker.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.net.InetSocketAddress;

/**
 * A UDP socket on a worker's own event loop (epoll when available). Incoming datagrams go to one
 * {@link PacketHandler}; outgoing ones are queued by {@link #send} and leave together once the
 * datagram that caused them is handled (else at the end of the loop turn), so a fan-out of N
 * packets costs one sendmmsg on epoll.
 */
public final class UdpEndpoint {

    private static final int RECV_BUFFER = 4 * 1024 * 1024;
    private static final int SEND_BUFFER = 4 * 1024 * 1024;

    private final DatagramChannel channel;
    private final BatchedWriter writer;
    private final InetSocketAddress local;
    private long sendFailures;

    private UdpEndpoint(DatagramChannel channel) {
        this.channel = channel;
        this.writer = new BatchedWriter(channel);
        this.local = channel.localAddress();
    }

    /** Binds {@code ip:port} (port 0 for any) on the loop of {@code context}; fails if the address is taken. */
    public static Future<UdpEndpoint> bind(Context context, String ip, int port, PacketHandler handler) {
        DatagramChannel channel = Loops.transport(context).datagramChannel();
        channel.config().setAllocator(Loops.HEAP_POOL);
        channel.config().setOption(ChannelOption.SO_RCVBUF, RECV_BUFFER);
        channel.config().setOption(ChannelOption.SO_SNDBUF, SEND_BUFFER);
        Receiver receiver = new Receiver(handler);
        channel.pipeline().addLast(receiver);
        return Loops.toFuture(Loops.eventLoop(context).register(channel), null)
                .compose(v -> Loops.toFuture(channel.bind(new InetSocketAddress(ip, port)), null))
                .map(v -> {
                    UdpEndpoint endpoint = new UdpEndpoint(channel);
                    receiver.endpoint = endpoint;
                    return endpoint;
                })
                .recover(e -> {
                    channel.close();
                    return Future.failedFuture(e);
                });
    }

    public InetSocketAddress localAddress() {
        return local;
    }

    /**
     * Queues a copy of the bytes for {@code to}; it leaves with the rest of the batch. Call on the
     * worker's loop. The copy goes straight to native memory: a heap buffer would be copied again by
     * the channel (epoll and NIO both send from native memory), and re-wrapped in a new packet.
     */
    public void send(byte[] buf, int off, int len, InetSocketAddress to) {
        ByteBuf out = channel.alloc().directBuffer(len, len);
        out.writeBytes(buf, off, len);
        writer.write(new DatagramPacket(out, to));
    }

    /** Sends what is queued now rather than with the rest of the batch. */
    public void flush() {
        writer.flushNow();
    }

    public long sendFailures() {
        return sendFailures;
    }

    public Future<Void> close() {
        return Loops.toFuture(channel.close(), null);
    }

    private static final class Receiver extends SimpleChannelInboundHandler<DatagramPacket> {
        private final PacketHandler handler;
        private final byte[] scratch = new byte[65536];
        private UdpEndpoint endpoint;
        private final Source source = new Source();

        Receiver(PacketHandler handler) {
            this.handler = handler;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            if (endpoint == null) {
                return;
            }
            ByteBuf content = packet.content();
            int len = content.readableBytes();
            source.remote = packet.sender();
            source.endpoint = endpoint;
            if (content.hasArray()) {
                handler.onPacket(content.array(), content.arrayOffset() + content.readerIndex(), len, source);
            } else {
                content.getBytes(content.readerIndex(), scratch, 0, len);
                handler.onPacket(scratch, 0, len, source);
            }
            BatchedWriter.flushPending();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // ICMP errors and the like surface here; a UDP socket stays usable, so just count them.
            if (endpoint != null) {
                endpoint.sendFailures++;
            }
        }
    }

    /** What every UDP tuple does: send through the endpoint to the remote address. */
    private abstract static class UdpTupleBase implements TransportTuple {
        abstract UdpEndpoint endpoint();

        @Override
        public InetSocketAddress local() {
            return endpoint().local;
        }

        @Override
        public String protocol() {
            return "udp";
        }

        @Override
        public void send(byte[] buf, int off, int len) {
            endpoint().send(buf, off, len, remote());
        }

        @Override
        public void flush() {
            endpoint().flush();
        }

        @Override
        public boolean isOpen() {
            return endpoint().channel.isOpen();
        }

        @Override
        public final boolean equals(Object o) {
            return o instanceof UdpTupleBase other && other.endpoint() == endpoint() && other.remote().equals(remote());
        }

        @Override
        public final int hashCode() {
            return 31 * System.identityHashCode(endpoint()) + remote().hashCode();
        }

        @Override
        public String toString() {
            return "udp " + local() + " <-> " + remote();
        }
    }

    /** Reused for every datagram: valid only during the handler call, like the bytes. */
    private static final class Source extends UdpTupleBase {
        private InetSocketAddress remote;
        private UdpEndpoint endpoint;

        @Override
        UdpEndpoint endpoint() {
            return endpoint;
        }

        @Override
        public InetSocketAddress remote() {
            return remote;
        }

        @Override
        public TransportTuple persist() {
            return new UdpTuple(endpoint, remote);
        }
    }

    /** A UDP tuple kept by a transport (its selected tuple, its known tuples). */
    public static final class UdpTuple extends UdpTupleBase {
        private final UdpEndpoint endpoint;
        private final InetSocketAddress remote;

        public UdpTuple(UdpEndpoint endpoint, InetSocketAddress remote) {
            this.endpoint = endpoint;
            this.remote = remote;
        }

        @Override
        UdpEndpoint endpoint() {
            return endpoint;
        }

        @Override
        public InetSocketAddress remote() {
            return remote;
        }

        @Override
        public TransportTuple persist() {
            return this;
        }
    }
}
