package io.tributary.pipe;

import io.tributary.pipe.control.ControlCallError;
import io.tributary.pipe.control.ControlClient;
import io.tributary.pipe.control.CreateTransport;
import io.tributary.pipe.control.NodeIdentity;
import io.tributary.pipe.control.NotFoundError;
import io.tributary.pipe.control.PipeEndpoint;
import io.tributary.pipe.control.RemoteNode;
import io.tributary.pipe.control.RequestSigner;
import io.tributary.pipe.control.TransportCreated;
import io.tributary.pipe.link.LinkKey;
import io.tributary.pipe.link.NodeLink;
import io.tributary.pipe.link.NodeLinks;
import io.tributary.pipe.link.NodeWatches;
import io.tributary.worker.data.DataProducer;
import io.tributary.worker.errors.TypeError;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.router.Router;
import io.tributary.worker.transport.TupleInfo;
import io.tributary.worker.transport.pipe.PipeTransport;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * A node's pipes to routers on other nodes (one instance per node): {@link #pipeProducer} and
 * {@link #pipeDataProducer} are pipeToRouter across nodes, over PipeTransport pairs that the two nodes set up through each other's
 * control API ({@link #controlRouter}). Links whose other node dies, restarts or closes its half are
 * closed here; this node's own HTTP calls run on the context it was created on, never on a media worker.
 */
public final class RemotePipes {

    private final RemotePipesOptions options;
    private final PipeRouters routers;
    private final NodeIdentity self;
    private final RequestSigner signer;
    private final ControlClient client;
    private final NodeLinks links;
    private final NodeWatches watches;
    private final Vertx vertx;

    private RemotePipes(Vertx vertx, Context context, RemotePipesOptions options, PipeRouters routers) {
        this.vertx = vertx;
        this.options = options;
        this.routers = routers;
        this.self = new NodeIdentity(options.nodeId(), UUID.randomUUID().toString(), options.controlUrl());
        this.signer = new RequestSigner(options.secret(), options.maxClockSkewMs(), System::currentTimeMillis);
        this.client = ControlClient.create(vertx, context, signer, options.callTimeoutMs());
        this.links = new NodeLinks(options.nodeId());
        this.watches = new NodeWatches(vertx, context, client, links, options.pingIntervalMs(), options.deadAfterMs());
    }

    /** Pipes of this node; its control calls and liveness pings run on the caller's context (or a new one). */
    public static RemotePipes create(Vertx vertx, RemotePipesOptions options, PipeRouters routers) {
        if (options.controlUrl() == null) {
            throw new IllegalArgumentException("missing controlUrl: the other nodes call back there");
        }
        return new RemotePipes(vertx, vertx.getOrCreateContext(), options, routers);
    }

    /** This node as the others see it. */
    public NodeIdentity identity() {
        return self;
    }

    /** The control API to mount on the node's internal HTTP listener (at the path its controlUrl names). */
    public io.vertx.ext.web.Router controlRouter() {
        return PipeControlApi.router(vertx, this, signer);
    }

    /** The live links to other nodes. */
    public List<NodeLink> links() {
        return links.all();
    }

    /**
     * pipeToRouter to the router known as {@code remoteRouterKey} on {@code remote}: the pipe consumer
     * here, the piped producer (same id, kind, appData, paused state) there. Concurrent calls between the
     * same two routers, and the other node's calls the other way, share one pipe transport pair.
     */
    public Future<RemotePipe> pipeProducer(Producer producer, Router localRouter, RemoteNode remote,
                                           String remoteRouterKey) {
        if (producer == null) {
            return Future.failedFuture(new TypeError("missing producer, router, remote node or remote router key"));
        }
        return linkTo(localRouter, remote, remoteRouterKey, () -> localRouter.producer(producer.id()) == producer,
                "Producer not found")
                .compose(link -> link.pipeOut(producer).map(consumer -> new RemotePipe(consumer, remote,
                        remoteRouterKey, link.transport().id(), link.remoteTransportId())));
    }

    /**
     * pipeToRouter({dataProducerId}) to the router known as {@code remoteRouterKey} on {@code remote}: the
     * pipe DataConsumer here, the piped DataProducer (same id, label, protocol, appData) there, over the same
     * shared pair as producers (its SCTP association carries the messages). Closing either closes the other.
     */
    public Future<RemoteDataPipe> pipeDataProducer(DataProducer dataProducer, Router localRouter, RemoteNode remote,
                                                   String remoteRouterKey) {
        if (dataProducer == null) {
            return Future.failedFuture(new TypeError("missing DataProducer, router, remote node or remote router key"));
        }
        return linkTo(localRouter, remote, remoteRouterKey,
                () -> localRouter.dataProducer(dataProducer.id()) == dataProducer, "DataProducer not found")
                .compose(link -> link.pipeDataOut(dataProducer).map(consumer -> new RemoteDataPipe(consumer, remote,
                        remoteRouterKey, link.transport().id(), link.remoteTransportId())));
    }

    /**
     * The link to {@code remoteRouterKey} on {@code remote}, set up if none, once {@code found} (checked on
     * the router's loop) confirms the entity to pipe is the router's; else TypeError({@code notFound}).
     */
    private Future<NodeLink> linkTo(Router localRouter, RemoteNode remote, String remoteRouterKey,
                                    BooleanSupplier found, String notFound) {
        if (localRouter == null || remote == null || remoteRouterKey == null) {
            return Future.failedFuture(new TypeError("missing producer, router, remote node or remote router key"));
        }
        if (remote.nodeId().equals(self.nodeId())) {
            return Future.failedFuture(new TypeError("cannot use this node as destination (use Router.pipeToRouter)"));
        }
        String localRouterKey = routers.routerKey(localRouter);
        LinkKey key = new LinkKey(localRouter.id(), remote.nodeId(), remoteRouterKey);
        return localRouter.worker().loop().call(() -> {
            if (!found.getAsBoolean()) {
                throw new TypeError(notFound);
            }
            return null;
        }).compose(v -> links.obtain(key, decided -> setUp(key, localRouter, localRouterKey, remote, decided)));
    }

    /** Creates the local half, has the other node create and connect its half, then connects ours to it. */
    private Future<NodeLink> setUp(LinkKey key, Router localRouter, String localRouterKey, RemoteNode remote,
                                   Future<NodeLink> decided) {
        return localRouter.createPipeTransport(options.pipeTransportOptions(options.enableSrtp(), options.enableRtx()))
                .compose(transport -> {
                    links.settingUp(transport.id(), decided);
                    TransportCreated[] created = new TransportCreated[1];
                    CreateTransport request = new CreateTransport(key.remoteRouterKey(), self, localRouterKey,
                            transport.id(), options.enableRtx(), options.enableSrtp(), endpoint(transport));
                    return client.createTransport(remote, request)
                            .compose(reply -> {
                                created[0] = reply;
                                return connectTo(transport, remote, reply);
                            })
                            .compose(remoteIdentity -> links.link(key, transport, remoteIdentity,
                                    created[0].transportId(), self.nodeId(), client))
                            .onSuccess(link -> watches.watch(link.remote()))
                            .recover(e -> {
                                transport.close();
                                if (created[0] != null) {
                                    client.closeTransport(remote, created[0].transportId());
                                }
                                return Future.failedFuture(e);
                            });
                });
    }

    private static Future<NodeIdentity> connectTo(PipeTransport transport, RemoteNode remote, TransportCreated reply) {
        NodeIdentity answered = reply.node();
        if (answered == null || !remote.nodeId().equals(answered.nodeId())) {
            return Future.failedFuture(new ControlCallError("the control API at " + remote.controlUrl()
                    + " is not node " + remote.nodeId() + " but " + (answered == null ? "unknown" : answered.nodeId())));
        }
        PipeEndpoint endpoint = reply.endpoint();
        return transport.connect(endpoint.ip(), endpoint.port(), endpoint.srtpParameters())
                .map(v -> new NodeIdentity(answered.nodeId(), answered.instance(), remote.controlUrl()));
    }

    /** The other node's set-up: our half of its pair, connected to its endpoint if it gave one. */
    Future<TransportCreated> accept(CreateTransport request) {
        NodeIdentity origin = request.origin();
        if (request.routerKey() == null || origin == null || origin.nodeId() == null || origin.instance() == null
                || origin.controlUrl() == null || request.originTransportId() == null) {
            throw new TypeError("missing routerKey, origin {nodeId, instance, controlUrl} or originTransportId");
        }
        if (origin.nodeId().equals(self.nodeId())) {
            throw new TypeError("a node cannot pipe to itself over the control API");
        }
        return routers.router(request.routerKey()).compose(router -> {
            if (router == null) {
                return Future.failedFuture(new NotFoundError("Router not found"));
            }
            LinkKey key = new LinkKey(router.id(), origin.nodeId(), request.originRouterKey());
            return router.createPipeTransport(options.pipeTransportOptions(request.enableSrtp(), request.enableRtx()))
                    .compose(transport -> connectIfGiven(transport, request.connect())
                            .compose(v -> links.link(key, transport, origin, request.originTransportId(),
                                    origin.nodeId(), client))
                            .compose(links::accept)
                            .map(kept -> {
                                watches.watch(origin);
                                return new TransportCreated(transport.id(), self, endpoint(transport));
                            })
                            .recover(e -> {
                                transport.close();
                                return Future.failedFuture(e);
                            }));
        });
    }

    private static Future<Void> connectIfGiven(PipeTransport transport, PipeEndpoint endpoint) {
        return endpoint == null ? Future.succeededFuture()
                : transport.connect(endpoint.ip(), endpoint.port(), endpoint.srtpParameters());
    }

    /** The link whose local transport is {@code transportId} (once its set-up here has ended); NotFoundError if none. */
    Future<NodeLink> link(String transportId) {
        return links.byTransport(transportId);
    }

    private static PipeEndpoint endpoint(PipeTransport transport) {
        TupleInfo tuple = transport.tuple();
        return new PipeEndpoint(tuple.localAddress(), tuple.localPort(), transport.srtpParameters());
    }

    /** Closes every link (asking the other nodes to close their halves), stops the pings, then the HTTP client. */
    public Future<Void> close() {
        watches.stop();
        List<Future<Void>> closing = links.all().stream().map(link -> link.close(true)).toList();
        return Future.join(closing).eventually(client::close).mapEmpty();
    }
}
