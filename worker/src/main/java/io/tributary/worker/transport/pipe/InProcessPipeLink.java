package io.tributary.worker.transport.pipe;

import io.vertx.core.internal.ContextInternal;
import java.util.concurrent.Executor;

/**
 * A pipe between two transports of this JVM (routers on different workers of one node): each packet
 * crosses to the peer's event loop through a bounded {@link PacketHandOff}, never through a socket.
 * No SRTP: the bytes never leave the process, so there is nothing to protect them from.
 */
final class InProcessPipeLink implements PipeLink {

    private final PacketHandOff out;
    private final PacketHandOff in;

    private InProcessPipeLink(PacketHandOff out, PacketHandOff in) {
        this.out = out;
        this.in = in;
    }

    /** The two ends of a pipe between {@code a} and {@code b}, each to be installed on its transport's loop. */
    static InProcessPipeLink[] between(PipeTransport a, PipeTransport b, int capacity) {
        PacketHandOff aToB = new PacketHandOff(capacity, eventLoop(b), b::receiveFromLink);
        PacketHandOff bToA = new PacketHandOff(capacity, eventLoop(a), a::receiveFromLink);
        return new InProcessPipeLink[] {new InProcessPipeLink(aToB, bToA), new InProcessPipeLink(bToA, aToB)};
    }

    /** The Netty loop under the worker's context: a hand-off task costs no Vert.x dispatch. */
    private static Executor eventLoop(PipeTransport transport) {
        return ((ContextInternal) transport.router().worker().loop().context()).nettyEventLoop();
    }

    @Override
    public int send(byte[] buf, int off, int len, boolean rtcp) {
        return out.offer(buf, off, len, rtcp) ? len : -1;
    }

    @Override
    public String type() {
        return "in-process";
    }

    @Override
    public long dropped() {
        return out.dropped();
    }

    /** Packets waiting for the peer's loop. */
    int queued() {
        return out.queued();
    }

    @Override
    public void close() {
        out.close();
        in.close();
    }
}
