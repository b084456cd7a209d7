package io.tributary.server;

import io.tributary.server.config.CommandLine;
import io.tributary.server.config.ServerConfig;
import io.tributary.server.config.UsageException;
import io.tributary.server.node.StandaloneNode;
import io.tributary.server.node.StartupException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Entry point of {@code ./tributary start}: parses options, starts the node, reports problems in one line. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty("java.util.logging.SimpleFormatter.format",
                System.getProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s %3$s: %5$s%6$s%n"));
        List<String> argv = Arrays.asList(args);
        if (argv.isEmpty() || !argv.get(0).equals("start")) {
            fail(2, "usage: tributary start [options] (see ./tributary help)");
        }
        ServerConfig config;
        try {
            config = CommandLine.parse(argv.subList(1, argv.size()));
        } catch (UsageException e) {
            fail(2, e.getMessage());
            return;
        }
        CompletableFuture<StandaloneNode> started = StandaloneNode.start(config).toCompletionStage().toCompletableFuture();
        StandaloneNode node;
        try {
            node = started.join();
        } catch (RuntimeException e) {
            fail(1, describeStartFailure(e.getCause() != null ? e.getCause() : e));
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // Exiting anyway: the process is going away.
            }
        }, "tributary-shutdown"));
        System.out.printf("Tributary standalone node ready: " + config.scheme() + "://%s:%d/ (%d workers, media ports %d-%d, announced %s)%n",
                hostForUrl(config.host()), node.httpPort(), config.workers(), config.rtcPortOf(0),
                config.rtcPortOf(config.workers() - 1), config.effectiveAnnouncedIp());
    }

    private static String describeStartFailure(Throwable e) {
        return e instanceof StartupException ? e.getMessage() : "start failed: " + e;
    }

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static void fail(int code, String message) {
        System.err.println("tributary: " + message);
        System.exit(code);
    }
}
