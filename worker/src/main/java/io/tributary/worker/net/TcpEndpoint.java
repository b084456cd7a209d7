package io.tributary.worker.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * A passive TCP listener for ICE-TCP and TCP media, on a worker's own event loop. Each connection
 * carries RFC 4571 frames (a 16-bit length, then one STUN/DTLS/RTP/RTCP packet) and is its own tuple.
 */
public final class TcpEndpoint {

    private static final int MAX_FRAME = 65535;

    private final Channel server;
    private final InetSocketAddress local;

    private TcpEndpoint(Channel server) {
        this.server = server;
        this.local = (InetSocketAddress) server.localAddress();
    }

    /** Listens on {@code ip:port} (0 for any); {@code onClosed} hears of every connection that ends. */
    public static Future<TcpEndpoint> listen(Context context, String ip, int port, PacketHandler handler,
                                             Consumer<TcpConnection> onClosed) {
        EventLoop loop = Loops.eventLoop(context);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loop, loop)
                .channelFactory(Loops.transport(context).serverChannelFactory(false))
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.ALLOCATOR, Loops.HEAP_POOL)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(MAX_FRAME + 2, 0, 2, 0, 2));
                        ch.pipeline().addLast(new FrameReceiver(new TcpConnection(ch), handler, onClosed));
                    }
                });
        io.netty.channel.ChannelFuture bound = bootstrap.bind(new InetSocketAddress(ip, port));
        return Loops.toFuture(bound, null).map(v -> new TcpEndpoint(bound.channel()));
    }

    public InetSocketAddress localAddress() {
        return local;
    }

    public Future<Void> close() {
        return Loops.toFuture(server.close(), null);
    }

    /** One accepted connection: a tuple whose sends are framed with their length. */
    public static final class TcpConnection implements TransportTuple {
        private final Channel channel;
        private final BatchedWriter writer;
        private final InetSocketAddress local;
        private final InetSocketAddress remote;

        TcpConnection(Channel channel) {
            this.channel = channel;
            this.writer = new BatchedWriter(channel);
            this.local = (InetSocketAddress) channel.localAddress();
            this.remote = (InetSocketAddress) channel.remoteAddress();
        }

        @Override
        public InetSocketAddress local() {
            return local;
        }

        @Override
        public InetSocketAddress remote() {
            return remote;
        }

        @Override
        public String protocol() {
            return "tcp";
        }

        @Override
        public void send(byte[] buf, int off, int len) {
            if (len > MAX_FRAME || !channel.isActive()) {
                return;
            }
            // Native memory, as UdpEndpoint#send: the channel would copy a heap buffer once more.
            ByteBuf out = channel.alloc().directBuffer(len + 2, len + 2);
            out.writeShort(len);
            out.writeBytes(buf, off, len);
            writer.write(out);
        }

        @Override
        public void flush() {
            writer.flushNow();
        }

        @Override
        public boolean isOpen() {
            return channel.isActive();
        }

        @Override
        public TransportTuple persist() {
            return this;
        }

        public void close() {
            channel.close();
        }

        @Override
        public String toString() {
            return "tcp " + local + " <-> " + remote;
        }
    }

    private static final class FrameReceiver extends SimpleChannelInboundHandler<ByteBuf> {
        private final TcpConnection connection;
        private final PacketHandler handler;
        private final Consumer<TcpConnection> onClosed;
        private final byte[] scratch = new byte[MAX_FRAME];

        FrameReceiver(TcpConnection connection, PacketHandler handler, Consumer<TcpConnection> onClosed) {
            this.connection = connection;
            this.handler = handler;
            this.onClosed = onClosed;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            int len = frame.readableBytes();
            if (frame.hasArray()) {
                handler.onPacket(frame.array(), frame.arrayOffset() + frame.readerIndex(), len, connection);
            } else {
                frame.getBytes(frame.readerIndex(), scratch, 0, len);
                handler.onPacket(scratch, 0, len, connection);
            }
            BatchedWriter.flushPending();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            onClosed.accept(connection);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // A broken connection or an oversized frame: this tuple is gone, others are unaffected.
            ctx.close();
        }
    }
}
