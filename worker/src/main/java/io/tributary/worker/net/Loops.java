package io.tributary.worker.net;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.spi.transport.Transport;

/** Access to the Netty side of a worker's Vert.x context: its event loop and the native transport. */
final class Loops {

    /**
     * Heap buffers by default, for reads: SRTP works on byte[], so a received datagram in native
     * memory would cost one more copy. Sends ask this pool for direct buffers explicitly.
     */
    static final ByteBufAllocator HEAP_POOL = new PooledByteBufAllocator(false);

    private Loops() {
    }

    static EventLoop eventLoop(Context context) {
        return ((ContextInternal) context).nettyEventLoop();
    }

    static Transport transport(Context context) {
        return ((ContextInternal) context).owner().transport();
    }

    static <T> Future<T> toFuture(io.netty.util.concurrent.Future<?> nettyFuture, T value) {
        Promise<T> promise = Promise.promise();
        nettyFuture.addListener(f -> {
            if (f.isSuccess()) {
                promise.complete(value);
            } else {
                promise.fail(f.cause());
            }
        });
        return promise.future();
    }
}
