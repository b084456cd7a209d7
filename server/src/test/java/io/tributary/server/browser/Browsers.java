package io.tributary.server.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Headless Chromium pages for browser tests: a Node process running {@code src/test/node/browsers.mjs}
 * (Playwright driving {@code /usr/bin/chromium}, one browser with its own profile per page), spoken to
 * with one JSON object per line on stdin/stdout. Closing this closes every browser.
 */
final class Browsers implements AutoCloseable {

    private static final Path HARNESS = Path.of("src/test/node");
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("TRIBUTARY_CHROMIUM", "/usr/bin/chromium"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration EVAL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final int CONSOLE_LINES_KEPT = 40;

    private final Process process;
    private final Writer stdin;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<String, Deque<String>> consoles = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();

    private Browsers(Process process) {
        this.process = process;
        this.stdin = process.outputWriter(StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readAnswers, "browsers-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Installs the harness' npm dependencies when needed and starts it; fails clearly when a tool is missing. */
    static Browsers start() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException(CHROMIUM + " is required for the browser tests: apt-get install chromium"
                    + " (./tributary test installs it)");
        }
        npmCiIfNeeded();
        Process process = new ProcessBuilder("node", "browsers.mjs")
                .directory(HARNESS.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Browsers browsers = new Browsers(process);
        try {
            browsers.ready.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            browsers.close();
            throw new IllegalStateException("the browser harness did not start", e);
        }
        return browsers;
    }

    /** npm ci writes node_modules/.package-lock.json; a lock newer than it means the dependencies changed. */
    private static void npmCiIfNeeded() throws IOException, InterruptedException {
        Path installed = HARNESS.resolve("node_modules/.package-lock.json");
        Path lock = HARNESS.resolve("package-lock.json");
        if (Files.exists(installed) && Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(lock)) >= 0) {
            return;
        }
        Process npm;
        try {
            // Not inheritIO: npm sharing the test JVM's stdin/stdout corrupts the channel surefire talks over.
            npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                    .directory(HARNESS.toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("node and npm are required for the browser tests: apt-get install nodejs npm", e);
        }
        npm.getOutputStream().close();
        String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            npm.destroyForcibly();
            throw new IllegalStateException("npm ci failed in " + HARNESS.toAbsolutePath() + ":\n" + output);
        }
    }

    /** Opens a new browser at {@code url} and waits for the page to load. */
    Page open(String name, String url) {
        call(OPEN_TIMEOUT, command("open", name).put("url", url));
        return new Page(name);
    }

    /** Opens several browsers at once: name to URL, in order. */
    List<Page> openAll(Map<String, String> urls) {
        List<CompletableFuture<JsonNode>> opening = urls.entrySet().stream()
                .map(e -> send(command("open", e.getKey()).put("url", e.getValue())))
                .toList();
        opening.forEach(f -> await(f, OPEN_TIMEOUT));
        return urls.keySet().stream().map(Page::new).toList();
    }

    @Override
    public void close() {
        try {
            stdin.close(); // browsers.mjs closes its browsers and exits when its input ends
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** One browser page. */
    final class Page {
        final String name;

        private Page(String name) {
            this.name = name;
        }

        /** Evaluates a JavaScript expression in the page; a promise is awaited. */
        JsonNode eval(String expression) {
            return call(EVAL_TIMEOUT, command("eval", name).put("expr", expression));
        }

        /**
         * Evaluates {@code expression} until {@code until} holds, at most {@code timeout}; answers the
         * value that satisfied it. On timeout the error shows the last value and the page's console.
         */
        JsonNode await(String what, String expression, Predicate<JsonNode> until, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            Object last;
            while (true) {
                try {
                    JsonNode value = eval(expression);
                    if (until.test(value)) {
                        return value;
                    }
                    last = value;
                } catch (AssertionError e) {
                    // A page between two states (reloading, a transport closing) may fail one evaluation.
                    last = e.getMessage();
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(name + ": timed out after " + timeout.toSeconds() + " s waiting for " + what
                            + "\nlast " + expression + ": " + last + "\nconsole:\n" + console());
                }
                try {
                    Thread.sleep(POLL_INTERVAL.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }

        void reload() {
            call(OPEN_TIMEOUT, command("reload", name));
        }

        void close() {
            call(OPEN_TIMEOUT, command("close", name));
        }

        /** The page's latest console lines. */
        String console() {
            Deque<String> lines = consoles.get(name);
            if (lines == null) {
                return "  (none)";
            }
            synchronized (lines) {
                return lines.isEmpty() ? "  (none)" : "  " + String.join("\n  ", lines);
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private ObjectNode command(String cmd, String page) {
        return JSON.createObjectNode().put("cmd", cmd).put("page", page);
    }

    private JsonNode call(Duration timeout, ObjectNode command) {
        return await(send(command), timeout);
    }

    private CompletableFuture<JsonNode> send(ObjectNode command) {
        long id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        command.put("id", id);
        try {
            synchronized (stdin) {
                stdin.write(JSON.writeValueAsString(command) + "\n");
                stdin.flush();
            }
        } catch (IOException e) {
            pending.remove(id);
            throw new UncheckedIOException("the browser harness is gone", e);
        }
        return answer;
    }

    private static JsonNode await(CompletableFuture<JsonNode> answer, Duration timeout) {
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no answer from the browser harness within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private void readAnswers() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                dispatch(JSON.readTree(line));
            }
        } catch (IOException e) {
            // the process ended; fail whatever still waits below
        }
        IllegalStateException gone = new IllegalStateException("the browser harness exited");
        ready.completeExceptionally(gone);
        pending.values().forEach(f -> f.completeExceptionally(gone));
    }

    private void dispatch(JsonNode message) {
        if (message.has("event")) {
            switch (message.get("event").asText()) {
                case "ready" -> ready.complete(null);
                case "console" -> keepConsoleLine(message.get("page").asText(), message.get("text").asText());
                default -> { }
            }
            return;
        }
        CompletableFuture<JsonNode> answer = pending.remove(message.path("id").asLong());
        if (answer == null) {
            return;
        }
        if (message.path("ok").asBoolean()) {
            answer.complete(message.get("result"));
        } else {
            answer.completeExceptionally(new IllegalStateException(message.path("error").asText()));
        }
    }

    private void keepConsoleLine(String page, String text) {
        Deque<String> lines = consoles.computeIfAbsent(page, p -> new ArrayDeque<>());
        synchronized (lines) {
            lines.addLast(text);
            if (lines.size() > CONSOLE_LINES_KEPT) {
                lines.removeFirst();
            }
        }
    }
}
