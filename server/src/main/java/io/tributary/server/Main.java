package io.tributary.server;

import io.tributary.dispatcher.placement.Placement;
import io.tributary.server.cluster.ClusterNode;
import io.tributary.server.cluster.ClusterWiring;
import io.tributary.server.cluster.DispatcherNode;
import io.tributary.server.cluster.LocalCluster;
import io.tributary.server.config.ClusterConfig;
import io.tributary.server.config.CommandLine;
import io.tributary.server.config.ServerConfig;
import io.tributary.server.config.UsageException;
import io.tributary.server.node.StandaloneNode;
import io.tributary.server.node.StartupException;
import io.tributary.state.ClusterState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Entry point of {@code ./tributary start} and {@code ./tributary cluster}: parses options, starts the role (standalone, node or dispatcher), reports
 * problems in one line. SIGTERM stops it; a node drains first.
 */
public final class Main {

    private static final long CLOSE_SECONDS = 5;

    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty("java.util.logging.SimpleFormatter.format",
                System.getProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s %3$s: %5$s%6$s%n"));
        List<String> argv = Arrays.asList(args);
        if (!argv.isEmpty() && argv.get(0).equals("cluster")) {
            cluster(argv.subList(1, argv.size()));
            return;
        }
        if (argv.isEmpty() || !argv.get(0).equals("start")) {
            fail(2, "usage: tributary start|cluster [options] (see ./tributary help)");
        }
        ServerConfig config;
        Function<Vertx, ClusterState> states;
        Placement placement;
        try {
            config = CommandLine.parse(argv.subList(1, argv.size()));
            states = ClusterWiring.states(config.cluster().redisUrl());
            placement = ClusterWiring.placement(config.cluster().strategy(), config.cluster().pools(),
                    config.cluster().regions().fallback());
        } catch (UsageException e) {
            fail(2, e.getMessage());
            return;
        }
        ClusterConfig cluster = config.cluster();
        switch (cluster.role()) {
            case STANDALONE -> {
                StandaloneNode node = started(StandaloneNode.start(config));
                onSigterm(new Step(node::close, CLOSE_SECONDS));
                System.out.printf("Tributary standalone node ready: %s (%d workers, media ports %d-%d, announced %s)%n",
                        httpUrl(config, node.httpPort()), config.workers(), config.rtcPortOf(0),
                        config.rtcPortOf(config.workers() - 1), config.effectiveAnnouncedIp());
            }
            case NODE -> {
                ClusterNode node = started(ClusterNode.start(config, states, placement));
                onSigterm(new Step(node::drain, cluster.drainTimeout().toSeconds() + CLOSE_SECONDS),
                        new Step(node::close, CLOSE_SECONDS));
                System.out.printf("Tributary node %s ready: %s (region %s, %d workers, media ports %d-%d, announced %s)%n",
                        node.nodeId(), node.node().announcedUrl(), cluster.region(), config.workers(),
                        config.rtcPortOf(0), config.rtcPortOf(config.workers() - 1), config.effectiveAnnouncedIp());
            }
            case DISPATCHER -> {
                DispatcherNode dispatcher = started(DispatcherNode.start(config, states, placement));
                onSigterm(new Step(dispatcher::close, CLOSE_SECONDS));
                System.out.printf("Tributary dispatcher ready: %s (strategy %s, %s)%n", httpUrl(config, dispatcher.port()),
                        placement.strategy().name(), cluster.redirect() ? "redirect" : "proxy");
            }
            default -> throw new IllegalStateException(cluster.role().toString());
        }
    }

    private static void cluster(List<String> args) {
        try {
            LocalCluster.run(args);
        } catch (UsageException e) {
            fail(2, e.getMessage());
        } catch (Exception e) {
            fail(1, "cluster: " + e.getMessage());
        }
    }

    private static <T> T started(Future<T> starting) {
        try {
            return starting.toCompletionStage().toCompletableFuture().join();
        } catch (RuntimeException e) {
            fail(1, describeStartFailure(e.getCause() != null ? e.getCause() : e));
            return null;
        }
    }

    /** One thing to do on the way out, waited for at most {@code seconds}. */
    private record Step(Supplier<Future<Void>> action, long seconds) {
    }

    /** SIGTERM (and Ctrl-C) run the steps one after the other (one hook: separate hooks would run together). */
    private static void onSigterm(Step... steps) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Step step : steps) {
                try {
                    step.action().get().toCompletionStage().toCompletableFuture().get(step.seconds(), TimeUnit.SECONDS);
                } catch (Exception ignored) {
                    // Going on to the next step anyway: the process is going away.
                }
            }
        }, "tributary-shutdown"));
    }

    private static String httpUrl(ServerConfig config, int port) {
        String host = config.host();
        return config.scheme() + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/";
    }

    private static String describeStartFailure(Throwable e) {
        return e instanceof StartupException ? e.getMessage() : "start failed: " + e;
    }

    private static void fail(int code, String message) {
        System.err.println("tributary: " + message);
        System.exit(code);
    }
}
