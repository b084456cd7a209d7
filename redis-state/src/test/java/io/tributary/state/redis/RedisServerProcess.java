package io.tributary.state.redis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} for tests: on a free loopback port, without persistence, in its
 * own temporary directory, stopped on close. It can be killed and started again on the same port
 * (a Redis restart), paused with SIGSTOP (a hung Redis) and given extra arguments (Sentinel, Cluster).
 */
public final class RedisServerProcess implements AutoCloseable {

    private static final String BINARY = "/usr/bin/redis-server";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final int port;
    private final Path dir;
    private final List<String> extraArgs;
    private Process process;

    private RedisServerProcess(int port, List<String> extraArgs) throws IOException {
        this.port = port;
        this.extraArgs = List.copyOf(extraArgs);
        this.dir = Files.createTempDirectory("redis-" + port + "-");
    }

    /** A plain server on a free port, started and answering PING. */
    public static RedisServerProcess start(String... extraArgs) throws IOException {
        RedisServerProcess server = new RedisServerProcess(freePort(), List.of(extraArgs));
        server.launch();
        return server;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Where the server runs (and where files such as a Sentinel config go). */
    public Path dir() {
        return dir;
    }

    /** SIGKILL, as a crash would; the port is free once this returns. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Starts the server again on the same port, empty. */
    public void restart() throws IOException {
        launch();
    }

    /** SIGSTOP: connections stay open but nothing answers. */
    public void pause() throws IOException, InterruptedException {
        signal("-STOP");
    }

    public void resume() throws IOException, InterruptedException {
        signal("-CONT");
    }

    /** Sends one command over a plain socket (RESP inline form) and returns the first reply line. */
    public String command(String line) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }

    /** Stops the server and deletes its directory. */
    @Override
    public void close() throws InterruptedException, IOException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private void launch() throws IOException {
        List<String> command = new ArrayList<>(List.of(BINARY));
        command.addAll(extraArgs);
        command.addAll(List.of("--bind", "127.0.0.1", "--port", Integer.toString(port),
                "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", dir.toString()));
        Path log = dir.resolve("redis.log");
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!answersPing()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IOException("redis-server on port " + port + " did not start: " + Files.readString(log));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    private boolean answersPing() {
        try {
            return "+PONG".equals(command("PING"));
        } catch (IOException e) {
            return false;
        }
    }

    private void signal(String signal) throws IOException, InterruptedException {
        int exit = new ProcessBuilder("kill", signal, Long.toString(process.pid())).start().waitFor();
        if (exit != 0) {
            throw new IOException("kill " + signal + " failed with " + exit);
        }
    }
}
