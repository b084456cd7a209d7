package io.tributary.worker.sctp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code src/test/node/sctp/sctp-echo.js} as a child process, its stdout read line by line; the npm packages
 * there are installed with {@code npm ci} the first time (node and npm must be on the PATH).
 */
final class NodeSctpProcess implements AutoCloseable {

    private static final Path DIR = Path.of("src/test/node/sctp").toAbsolutePath();

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuffer stderr = new StringBuffer();

    NodeSctpProcess(int javaPort, boolean active) throws IOException, InterruptedException {
        install();
        process = new ProcessBuilder("node", "sctp-echo.js", Integer.toString(javaPort), active ? "active" : "passive")
                .directory(DIR.toFile()).start();
        pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), true);
        pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), false);
    }

    private static synchronized void install() throws IOException, InterruptedException {
        if (Files.isDirectory(DIR.resolve("node_modules/sctp"))) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(DIR.toFile())
                .redirectErrorStream(true).start();
        npm.getOutputStream().close();
        String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!npm.waitFor(180, TimeUnit.SECONDS) || npm.exitValue() != 0) {
            throw new AssertionError("npm ci in " + DIR + " failed:\n" + output);
        }
    }

    private void pump(BufferedReader reader, boolean stdout) {
        Thread thread = new Thread(() -> {
            try (reader) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (stdout) {
                        lines.add(line);
                    } else {
                        stderr.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // the process is gone; what was read stays
            }
        }, stdout ? "node-stdout" : "node-stderr");
        thread.setDaemon(true);
        thread.start();
    }

    /** The next stdout line, waiting at most {@code seconds}. */
    String nextLine(long seconds) throws InterruptedException {
        String line = lines.poll(seconds, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("node printed nothing within " + seconds + " s; stderr:\n" + stderr);
        }
        return line;
    }

    /** Closes stdin (the script exits on it), then kills what is left. */
    @Override
    public void close() throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
