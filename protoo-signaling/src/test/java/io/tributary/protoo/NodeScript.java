package io.tributary.protoo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Node script from {@code src/test/node} run as a child process, its stdout read line by line. The npm packages
 * there are installed with {@code npm ci} the first time; node and npm themselves must be on the PATH
 * ({@code ./tributary test} installs them).
 */
final class NodeScript implements AutoCloseable {

    static final Path DIR = Path.of("src/test/node").toAbsolutePath();
    private static final long INSTALL_SECONDS = 180;
    private static final String EOF = "\u0000eof";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuffer stderr = new StringBuffer();

    private NodeScript(Process process) {
        this.process = process;
        daemon("node-stdout", () -> {
            pump(process.getInputStream(), lines::add);
            lines.add(EOF);
        });
        daemon("node-stderr", () -> pump(process.getErrorStream(), line -> stderr.append(line).append('\n')));
    }

    /** Starts {@code node <script> <args>} in {@link #DIR}, installing the npm packages first if needed. */
    static NodeScript start(String script, String... args) {
        installPackages();
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        try {
            return new NodeScript(new ProcessBuilder(command).directory(DIR.toFile()).start());
        } catch (IOException e) {
            throw new AssertionError("cannot start node " + script + ": " + e.getMessage(), e);
        }
    }

    private static synchronized void installPackages() {
        requireTool("node");
        requireTool("npm");
        if (Files.isDirectory(DIR.resolve("node_modules/protoo-client"))
                && Files.isDirectory(DIR.resolve("node_modules/protoo-server"))) {
            return;
        }
        String output = run(INSTALL_SECONDS, "npm", "ci", "--no-audit", "--no-fund");
        if (!Files.isDirectory(DIR.resolve("node_modules/protoo-client"))) {
            throw new AssertionError("npm ci in " + DIR + " did not install protoo-client:\n" + output);
        }
    }

    private static void requireTool(String tool) {
        try {
            run(30, tool, "--version");
        } catch (AssertionError e) {
            throw new AssertionError("the protoo interop tests need '" + tool + "' (Node.js 18 or newer with npm) on "
                    + "the PATH; ./tributary test installs it. " + e.getMessage(), e);
        }
    }

    /** Runs a command in {@link #DIR} to completion within {@code seconds}; its combined output. */
    private static String run(long seconds, String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            StringBuilder output = new StringBuilder();
            Thread reader = daemon(command[0] + "-output",
                    () -> pump(process.getInputStream(), line -> output.append(line).append('\n')));
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + seconds + " s");
            }
            reader.join(TimeUnit.SECONDS.toMillis(5));
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " exited with " + process.exitValue() + ":\n"
                        + output);
            }
            return output.toString();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private interface LineSink {
        void accept(String line);
    }

    private static void pump(InputStream stream, LineSink sink) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                sink.accept(line);
            }
        } catch (IOException e) {
            // The process went away; what was read stays.
        }
    }

    /** The next stdout line, waiting at most {@code seconds}. */
    String nextLine(long seconds) {
        try {
            String line = lines.poll(seconds, TimeUnit.SECONDS);
            if (line == null) {
                throw new AssertionError("node printed nothing within " + seconds + " s; stderr:\n" + stderr);
            }
            if (line.equals(EOF)) {
                lines.add(EOF);
                throw new AssertionError("node exited (" + exitCode() + ") without printing; stderr:\n" + stderr);
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits at most {@code seconds} for the process to exit; its exit code. */
    int awaitExit(long seconds) {
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                throw new AssertionError("node still running after " + seconds + " s; stderr:\n" + stderr);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    String stderr() {
        return stderr.toString();
    }

    private String exitCode() {
        return process.isAlive() ? "still running" : "exit " + process.exitValue();
    }

    /** Closes stdin (the scripts exit on it), then kills what is left. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
