package io.tributary.pipe.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.pipe.Await;
import io.tributary.pipe.control.RemoteNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A {@link PipeNodeMain} in a child JVM started with this JVM's java and classpath: its stdout lines are
 * collected for the test to await, its stdin takes commands; always destroyed by {@link #close()}.
 */
public final class ChildNode implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long START_TIMEOUT_MS = 30_000;

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private volatile RemoteNode remote;

    private ChildNode(Process process) {
        this.process = process;
        Thread reader = new Thread(this::read, "child-node-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    public static ChildNode start(String nodeId) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-XX:+IgnoreUnrecognizedVMOptions",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                PipeNodeMain.class.getName(), nodeId).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        ChildNode child = new ChildNode(process);
        try {
            String[] ready = child.await(line -> line.startsWith("READY "), START_TIMEOUT_MS, "the child node starts")
                    .split(" ");
            child.remote = new RemoteNode(ready[1], ready[2]);
        } catch (RuntimeException | AssertionError e) {
            child.close();
            throw e;
        }
        return child;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("READ-FAILED " + e);
        }
    }

    public RemoteNode remote() {
        return remote;
    }

    public long pid() {
        return process.pid();
    }

    /** The first line (from the start) that matches; fails after {@code timeoutMs}. */
    public String await(java.util.function.Predicate<String> match, long timeoutMs, String what) {
        String[] found = new String[1];
        Await.until(() -> {
            for (String line : lines) {
                if (match.test(line)) {
                    found[0] = line;
                    return true;
                }
            }
            return !process.isAlive() && lines.stream().noneMatch(match);
        }, timeoutMs, what);
        if (found[0] == null) {
            throw new AssertionError("the child node exited before: " + what);
        }
        return found[0];
    }

    /** Every line starting with {@code prefix}, in order. */
    public List<String> lines(String prefix) {
        return lines.stream().filter(line -> line.startsWith(prefix)).toList();
    }

    /** The payloads (hex) the child's consumer of {@code producerId} got, in order. */
    public List<String> payloads(String producerId) {
        String prefix = "RTP " + producerId + " ";
        return lines(prefix).stream().map(line -> line.substring(prefix.length())).toList();
    }

    /** Asks for the pipe transports' stats and waits for the answer. */
    public JsonNode stats() {
        int before = lines("STATS ").size();
        command("stats");
        Await.until(() -> lines("STATS ").size() > before, "the child answers stats");
        try {
            return JSON.readTree(lines("STATS ").get(before).substring("STATS ".length()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void command(String line) {
        try {
            OutputStream in = process.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the child at once (SIGKILL): it says goodbye to nobody. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
