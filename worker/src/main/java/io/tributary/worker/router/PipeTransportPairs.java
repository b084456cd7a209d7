package io.tributary.worker.router;

import io.tributary.worker.transport.TupleInfo;
import io.tributary.worker.transport.pipe.PipeTransport;
import io.tributary.worker.transport.pipe.PipeTransportOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The pipe transport pairs between a router and others, as mediasoup caches them: one pair per pair
 * of routers, shared by concurrent calls and by both directions. Calls may come from any thread and
 * the two routers live on different loops, so each pair is kept by the router with the smaller id and
 * claimed atomically there: whichever call comes first creates it, the others wait for the same Future.
 */
final class PipeTransportPairs {

    /** Two connected pipe transports, one on each router. */
    record Pair(PipeTransport first, PipeTransport second) {
        PipeTransport of(Router router) {
            return first.router() == router ? first : second;
        }
    }

    private final ConcurrentMap<String, Future<Pair>> pairs = new ConcurrentHashMap<>();

    /** The pair between {@code local} and {@code remote}, created with {@code options} if there is none. */
    static Future<Pair> between(Router local, Router remote, PipeTransportOptions options) {
        Router keeper = local.id().compareTo(remote.id()) < 0 ? local : remote;
        Router other = keeper == local ? remote : local;
        return keeper.pipeTransportPairs.obtain(other.id(), local, remote, options);
    }

    private Future<Pair> obtain(String key, Router local, Router remote, PipeTransportOptions options) {
        Promise<Pair> claim = Promise.promise();
        Future<Pair> pair = claim.future();
        Future<Pair> existing = pairs.putIfAbsent(key, pair);
        if (existing != null) {
            return existing;
        }
        Runnable forget = () -> pairs.remove(key, pair);
        create(local, remote, options, forget).onComplete(claim);
        pair.onFailure(e -> forget.run());
        return pair;
    }

    /** Both transports, each connected to the other's tuple (and SRTP key), then linked in process. */
    private static Future<Pair> create(Router local, Router remote, PipeTransportOptions options, Runnable forget) {
        Future<PipeTransport> first = local.createPipeTransport(options);
        Future<PipeTransport> second = remote.createPipeTransport(options);
        return Future.join(first, second)
                .compose(v -> connect(first.result(), second.result(), forget))
                .recover(e -> {
                    first.onSuccess(PipeTransport::close);
                    second.onSuccess(PipeTransport::close);
                    return Future.failedFuture(e);
                });
    }

    private static Future<Pair> connect(PipeTransport a, PipeTransport b, Runnable forget) {
        TupleInfo aTuple = a.tuple();
        TupleInfo bTuple = b.tuple();
        return Future.all(a.connect(bTuple.localAddress(), bTuple.localPort(), b.srtpParameters()),
                        b.connect(aTuple.localAddress(), aTuple.localPort(), a.srtpParameters()))
                .compose(v -> a.linkInProcess(b))
                .compose(v -> Future.all(closeTogether(a, b, forget), closeTogether(b, a, forget)))
                .map(v -> new Pair(a, b));
    }

    /** When {@code closing} closes, so does {@code other}, and the pair is forgotten. */
    private static Future<Void> closeTogether(PipeTransport closing, PipeTransport other, Runnable forget) {
        return PipeToRouter.onClose(closing.router().worker().loop(), closing, () -> {
            other.close();
            forget.run();
        });
    }
}
