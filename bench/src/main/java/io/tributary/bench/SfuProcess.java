package io.tributary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@link BenchSfu} child JVM seen from the driver: started on the driver's classpath (with
 * another JDK if asked), commanded one JSON line at a time, its CPU read from {@code /proc}.
 */
final class SfuProcess implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final long REPLY_TIMEOUT_SECONDS = 30;

    private final Process process;
    private final BufferedReader replies;
    private final Writer commands;
    private final ProcessCpu cpu;
    private final JsonNode info;
    private long nextId = 1;

    private SfuProcess(Process process) {
        this.process = process;
        this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.info = call(command("info"));
        this.cpu = new ProcessCpu(info.path("pid").asLong());
    }

    /**
     * Starts the SFU with {@code javaHome}'s java (null: the driver's own) and extra JVM options. The
     * child's stderr is the driver's, so its failures show.
     */
    static SfuProcess start(Path javaHome, List<String> jvmOptions) throws IOException {
        return start(BenchSfu.class, javaHome, jvmOptions);
    }

    /** Starts another child speaking {@link ChildProtocol} (its {@code info} must give its {@code pid}). */
    static SfuProcess start(Class<?> main, Path javaHome, List<String> jvmOptions, String... args)
            throws IOException {
        Path home = javaHome != null ? javaHome : Path.of(System.getProperty("java.home"));
        List<String> cmd = new ArrayList<>();
        cmd.add(home.resolve("bin").resolve("java").toString());
        // JDK 22+ warns about JNI (Netty epoll, jitsi-srtp) without the flag; JDK 17 needs the ignore option.
        cmd.add("-XX:+IgnoreUnrecognizedVMOptions");
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        Process process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        // A driver killed mid-run must not leave an SFU burning CPU on a shared machine.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        try {
            return new SfuProcess(process);
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** JDK, collector, native transport and SRTP backend of the child, as it reported them. */
    JsonNode info() {
        return info;
    }

    ProcessCpu cpu() {
        return cpu;
    }

    static ObjectNode command(String name) {
        return JSON.createObjectNode().put("cmd", name);
    }

    /** Sends one command and waits for its reply; a refused command throws with the child's reason. */
    synchronized JsonNode call(ObjectNode command) {
        long id = nextId++;
        command.put("id", id);
        try {
            commands.write(JSON.writeValueAsString(command));
            commands.write('\n');
            commands.flush();
            JsonNode reply = JSON.readTree(readLine());
            if (reply.path("id").asLong() != id) {
                throw new IllegalStateException("reply out of order: " + reply);
            }
            if (!reply.path("ok").asBoolean()) {
                throw new IllegalStateException(command.path("cmd").asText() + ": " + reply.path("error").asText());
            }
            return reply;
        } catch (IOException e) {
            throw new IllegalStateException("SFU process: " + e, e);
        }
    }

    /**
     * The next reply, bounded in time: a hung child fails the run rather than freezing it. Other
     * stdout lines (the JVM's own logging) are passed on to stderr.
     */
    private String readLine() throws IOException {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                String text;
                while ((text = replies.readLine()) != null && !text.startsWith(ChildProtocol.REPLY_PREFIX)) {
                    System.err.println("sfu: " + text);
                }
                return text == null ? null : text.substring(ChildProtocol.REPLY_PREFIX.length());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            String text = line.get(REPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (text == null) {
                throw new IOException("SFU process ended (exit " + exitCode() + ")");
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("no reply from the SFU process: " + e);
        }
    }

    private String exitCode() {
        return process.isAlive() ? "still running" : Integer.toString(process.exitValue());
    }

    /** Asks the child to exit, then makes sure it did. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                call(command("exit"));
            }
        } catch (RuntimeException e) {
            System.err.println("SFU exit: " + e.getMessage());
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
