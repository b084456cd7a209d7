package io.tributary.server.room;

import io.tributary.server.node.MediaWorker;
import io.tributary.worker.MediaEntity;
import io.tributary.worker.data.DataProducer;
import io.tributary.worker.errors.InvalidStateError;
import io.tributary.worker.router.PipeToRouterOptions;
import io.tributary.worker.router.Router;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The routers of one room: the first one, and with a consumer budget one more per worker of the node as the
 * room outgrows them. Producers and DataProducers are piped ({@code pipeToRouter}) to another router of the
 * room when a peer there consumes them, once per destination. Lives on the room's context.
 */
final class RoomRouters {

    private final List<MediaWorker> workers;
    private final AtomicInteger nextWorker;
    private final int consumerBudget;
    private final Function<MediaWorker, Future<Router>> createRouter;
    private final RoomContext context;
    private final List<RoomRouter> routers = new ArrayList<>();
    /** Pipes made or under way, by piped entity id and destination; concurrent consumers share one. */
    private final Map<String, Map<RoomRouter, Future<Void>>> pipes = new HashMap<>();

    /**
     * {@code consumerBudget}: consumers a router carries before new peers go to another worker's (0: unlimited);
     * {@code nextWorker}: the node's round-robin over {@code workers}.
     */
    RoomRouters(RoomRouter first, List<MediaWorker> workers, AtomicInteger nextWorker, int consumerBudget,
                Function<MediaWorker, Future<Router>> createRouter, RoomContext context) {
        this.workers = workers;
        this.nextWorker = nextWorker;
        this.consumerBudget = consumerBudget;
        this.createRouter = createRouter;
        this.context = context;
        routers.add(first);
    }

    /** The room's first router: its bot, its active-speaker observer, broadcasters and other nodes' pipes. */
    RoomRouter first() {
        return routers.get(0);
    }

    List<RoomRouter> all() {
        return List.copyOf(routers);
    }

    /**
     * Where a new peer's transports go: a router of the room under the budget, else a new one on the next worker
     * the room does not use yet, else the least loaded of the room's routers.
     */
    RoomRouter forNewPeer() {
        if (consumerBudget <= 0) {
            return first();
        }
        for (RoomRouter router : routers) {
            if (router.consumers() < consumerBudget) {
                return router;
            }
        }
        MediaWorker unused = nextUnusedWorker();
        if (unused != null) {
            RoomRouter added = new RoomRouter(unused, context.back(createRouter.apply(unused)));
            routers.add(added);
            added.ready().onFailure(e -> routers.remove(added));
            return added;
        }
        return routers.stream().min(Comparator.comparingInt(RoomRouter::consumers)).orElseThrow();
    }

    private MediaWorker nextUnusedWorker() {
        int start = nextWorker.getAndIncrement();
        for (int i = 0; i < workers.size(); i++) {
            MediaWorker worker = workers.get(Math.floorMod(start + i, workers.size()));
            if (routers.stream().noneMatch(r -> r.worker() == worker)) {
                return worker;
            }
        }
        return null;
    }

    /**
     * Makes a Producer or DataProducer of router {@code from} available on {@code to} under the same id; the
     * piped one pauses and closes with the original. Done at once when both are the same router.
     */
    Future<Void> bring(MediaEntity entity, RoomRouter from, RoomRouter to) {
        if (from == to) {
            return Future.succeededFuture();
        }
        if (entity.closed()) {
            return Future.failedFuture(new InvalidStateError("\"" + entity.id() + "\" closed"));
        }
        Map<RoomRouter, Future<Void>> byRouter = pipes.get(entity.id());
        if (byRouter == null) {
            byRouter = new HashMap<>();
            pipes.put(entity.id(), byRouter);
            entity.onClosed(() -> context.run(() -> pipes.remove(entity.id())));
            if (entity.closed()) {
                pipes.remove(entity.id());
            }
        }
        Map<RoomRouter, Future<Void>> known = byRouter;
        return byRouter.computeIfAbsent(to, r -> {
            Future<Void> piped = context.back(from.ready().compose(source -> to.ready()
                    .compose(destination -> source.pipeToRouter(entity instanceof DataProducer
                            ? PipeToRouterOptions.dataProducer(entity.id(), destination)
                            : PipeToRouterOptions.producer(entity.id(), destination)))).mapEmpty());
            // A failed pipe is forgotten so that a later consumer tries again.
            piped.onFailure(e -> known.remove(to, piped));
            return piped;
        });
    }

    /** Closes every router of the room (and so every transport, and the pipes between them). */
    void close() {
        routers.forEach(router -> router.ready().onSuccess(Router::close));
    }
}
