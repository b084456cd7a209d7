package io.tributary.server.cluster;

import io.tributary.server.config.CommandLine;
import io.tributary.server.config.UsageException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./tributary cluster}: a whole cluster on loopback for trying it out. A redis-server on a free port, N nodes
 * on free ports and one dispatcher on {@code --port}, each a child process of this one; all of them stop (nodes drain
 * first) when this process gets Ctrl-C or SIGTERM, or when one of them dies. The nodes share a random cluster secret
 * and each has an internal port, so rooms can span them ({@code --room-node-cap}).
 */
public final class LocalCluster {

    private static final String HOST = "127.0.0.1";
    private static final Path REDIS = Path.of(System.getenv().getOrDefault("TRIBUTARY_REDIS_SERVER", "/usr/bin/redis-server"));
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final long STOP_SECONDS = 20;

    private final List<Process> children = new ArrayList<>();
    private final String secret = randomSecret();
    private Process redis;
    private volatile boolean stopping;

    private LocalCluster() {
    }

    /**
     * Parses {@code --nodes N --port P --workers W --room-node-cap C}, starts everything, prints the URLs, then runs
     * until stopped.
     */
    public static void run(List<String> args) throws Exception {
        int nodes = 3;
        int port = 4443;
        int workers = 1;
        int roomNodeCap = 0;
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i);
            String value = i + 1 < args.size() ? args.get(++i) : null;
            int n = value == null ? -1 : number(name, value);
            switch (name) {
                case "--nodes" -> nodes = within(name, n, 1, 32);
                case "--port" -> port = within(name, n, 1, 65535);
                case "--workers" -> workers = within(name, n, 1, 64);
                case "--room-node-cap" -> roomNodeCap = within(name, n, 0, 100_000);
                default -> throw new UsageException("unknown cluster option '" + name + "' (see ./tributary help)");
            }
        }
        if (!Files.isExecutable(REDIS)) {
            throw new UsageException(REDIS + " not found: the cluster needs redis-server (apt-get install redis-server)");
        }
        LocalCluster cluster = new LocalCluster();
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop, "tributary-cluster-stop"));
        cluster.start(nodes, port, workers, roomNodeCap);
    }

    private void start(int nodes, int port, int workers, int roomNodeCap) throws Exception {
        LoopbackPorts ports = new LoopbackPorts();
        ports.taken(port);
        int redisPort = ports.tcp();
        redis = new ProcessBuilder(REDIS.toString(), "--port", String.valueOf(redisPort), "--bind", HOST, "--save", "",
                "--appendonly", "no").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        awaitListening(redisPort);
        String redisUrl = "redis://" + HOST + ":" + redisPort;
        String cap = String.valueOf(roomNodeCap);
        List<String> nodeUrls = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            int httpPort = ports.tcp();
            int rtcPort = ports.mediaRange(workers);
            int internalPort = ports.tcp();
            children.add(launch("--role", "node", "--redis", redisUrl, "--node-id", "node-" + i, "--host", HOST,
                    "--port", String.valueOf(httpPort), "--rtc-port", String.valueOf(rtcPort),
                    "--workers", String.valueOf(workers), "--drain-timeout", "10",
                    "--internal-port", String.valueOf(internalPort), "--room-node-cap", cap));
            nodeUrls.add("ws://" + HOST + ":" + httpPort + "/ (media " + rtcPort + "-" + (rtcPort + workers - 1)
                    + ", internal " + HOST + ":" + internalPort + ")");
        }
        children.add(launch("--role", "dispatcher", "--redis", redisUrl, "--host", HOST, "--port", String.valueOf(port),
                "--room-node-cap", cap));
        awaitNodes(port, nodes);
        System.out.printf("Tributary cluster ready: dispatcher http://%s:%d/ (open it in a browser), redis %s%s%n", HOST,
                port, redisUrl, roomNodeCap == 0 ? "" : ", rooms spill to another node beyond " + roomNodeCap + " peers");
        nodeUrls.forEach(url -> System.out.println("  node " + url));
        watchChildren();
    }

    /** The secret goes in the environment, not the command line, which other users of the machine can read. */
    private Process launch(String... options) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.tributary.server.Main", "start"));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put(CommandLine.SECRET_ENV, secret);
        return builder.start();
    }

    /** A fresh secret per cluster run: nobody outside this process tree can sign node-to-node calls. */
    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Blocks while the cluster runs; one dead child stops the whole cluster: half a cluster would only confuse. */
    private void watchChildren() {
        List<Process> all = new ArrayList<>(children);
        all.add(redis);
        CompletableFuture.anyOf(all.stream().map(Process::onExit).toArray(CompletableFuture[]::new)).join();
        if (!stopping) {
            System.err.println("tributary: a cluster process exited, stopping the cluster");
            System.exit(1);
        }
    }

    /** SIGTERM to every child (nodes drain), then redis; whatever lingers is killed. */
    private void stop() {
        stopping = true;
        children.forEach(Process::destroy);
        for (Process p : children) {
            waitOrKill(p);
        }
        if (redis != null) {
            redis.destroy();
            waitOrKill(redis);
        }
    }

    private static void waitOrKill(Process p) {
        try {
            if (!p.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitListening(int port) throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(HOST, port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("redis-server did not listen on port " + port);
    }

    /** Until the dispatcher's registry lists every node. */
    private void awaitNodes(int port, int nodes) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + port + "/api/health"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (Process p : children) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a cluster process exited while starting (see its message above)");
                }
            }
            try {
                HttpResponse<String> health = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"nodes\":" + nodes)) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the cluster was not ready within " + READY_TIMEOUT.toSeconds() + " s");
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("invalid " + name + " '" + value + "': not an integer");
        }
    }

    private static int within(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new UsageException("invalid " + name + ": must be in " + min + ".." + max);
        }
        return value;
    }
}
