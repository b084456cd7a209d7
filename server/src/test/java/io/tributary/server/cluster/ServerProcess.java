package io.tributary.server.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * One {@code ./tributary start ...} process, run as a user would (the jar this build packaged, no rebuild): its
 * stdout is watched for the ready line, its stderr kept in a file for failure messages.
 */
public final class ServerProcess implements AutoCloseable {

    public static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    /** Small and quick to start: many of these share two cores in the tests. */
    private static final String JAVA_OPTS = "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";
    private static final Duration READY = Duration.ofSeconds(60);

    private final String name;
    private final Process process;
    private final Path stderr;
    private final String readyMarker;
    private final CompletableFuture<String> ready = new CompletableFuture<>();
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private ServerProcess(String name, Process process, Path stderr, String readyMarker) {
        this.name = name;
        this.process = process;
        this.stderr = stderr;
        this.readyMarker = readyMarker;
        Thread reader = new Thread(this::readStdout, "stdout-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code ./tributary <args>}; {@link #awaitReady()} waits for a line with "ready". */
    public static ServerProcess launch(String name, String... args) throws IOException {
        return launchUntil(name, "ready", args);
    }

    /** Starts {@code ./tributary <args>}; {@link #awaitReady()} waits for a line containing {@code readyMarker}. */
    public static ServerProcess launchUntil(String name, String readyMarker, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("tributary").toString());
        command.addAll(List.of(args));
        Path err = Files.createTempFile("tributary-" + name, ".err");
        err.toFile().deleteOnExit();
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectError(err.toFile());
        pb.environment().put("TRIBUTARY_NO_BUILD", "1");
        pb.environment().put("TRIBUTARY_JAVA_OPTS", JAVA_OPTS);
        return new ServerProcess(name, pb.start(), err, readyMarker);
    }

    public String name() {
        return name;
    }

    public Process process() {
        return process;
    }

    /** What it printed on stdout so far. */
    public List<String> lines() {
        return lines;
    }

    /** The ready line; fails with the process' stderr when it exits first. */
    public String awaitReady() throws Exception {
        try {
            return ready.get(READY.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(name + " not ready: " + stderr(), e);
        }
    }

    /** SIGTERM, as {@code kill} or a container stop sends. */
    public void terminate() {
        process.destroy();
    }

    /** SIGKILL: the process gets no chance to say goodbye. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    public String stderr() {
        try {
            return Files.readString(stderr, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(stderr unreadable: " + e + ")";
        }
    }

    private void readStdout() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
                if (line.contains(readyMarker)) {
                    ready.complete(line);
                }
            }
        } catch (IOException e) {
            // The process went away; the future below says so.
        }
        ready.completeExceptionally(new IllegalStateException(name + " exited with " + exitCode()));
    }

    private String exitCode() {
        try {
            return String.valueOf(process.waitFor(5, TimeUnit.SECONDS) ? process.exitValue() : "nothing (still running)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    /** Kills it and whatever it started (the cluster command's children), so nothing outlives the test. */
    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
