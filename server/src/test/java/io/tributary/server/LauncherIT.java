package io.tributary.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs the real {@code ./tributary} script, as a user would, against the jar this build packaged. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LauncherIT {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Process, Path> STDERR = new ConcurrentHashMap<>();

    @Test
    void startServesHealthAndTheDemoRoomThenStopsOnSigterm() throws Exception {
        int port = FreePorts.tcp();
        Process p = launch("start", "--port", String.valueOf(port), "--rtc-port", String.valueOf(FreePorts.tcpPair()),
                "--workers", "2");
        try {
            String ready = awaitLine(p, "ready");
            assertTrue(ready.contains("http://127.0.0.1:" + port + "/"), ready);

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(request(port, "/api/health"), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            assertEquals("ok", JSON.readTree(health.body()).get("status").asText());

            HttpResponse<String> room = http.send(request(port, "/rooms/demo"), HttpResponse.BodyHandlers.ofString());
            JsonNode expected = JSON.readTree(getClass().getResourceAsStream("/demo-router-rtp-capabilities.json"));
            assertEquals(expected, JSON.readTree(room.body()));
        } finally {
            p.destroy();
        }
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "server did not stop on SIGTERM");
    }

    @Test
    void aTakenPortIsOneClearErrorAndNonZeroExit() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Process p = launch("start", "--port", String.valueOf(taken.getLocalPort()),
                    "--rtc-port", String.valueOf(FreePorts.tcp()), "--workers", "1");
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, p.exitValue());
            String err = stderr(p);
            assertTrue(err.contains("cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": address already in use"), err);
        }
    }

    @Test
    void aTakenMediaPortIsOneClearErrorAndNonZeroExit() throws Exception {
        try (java.net.DatagramSocket taken = new java.net.DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            int rtcPort = taken.getLocalPort();
            Process p = launch("start", "--port", String.valueOf(FreePorts.tcp()), "--rtc-port", String.valueOf(rtcPort),
                    "--workers", "1");
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, p.exitValue());
            String err = stderr(p);
            assertTrue(err.contains("cannot listen on media port 127.0.0.1:" + rtcPort + " (udp/tcp): address already in use"),
                    err);
        }
    }

    @Test
    void aBadOptionIsOneClearErrorAndNonZeroExit() throws Exception {
        Process p = launch("start", "--prot", "4443");
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue());
        assertEquals("tributary: unknown option '--prot' (see ./tributary help)", stderr(p).strip());
    }

    @Test
    void anUnknownCommandIsRefused() throws Exception {
        Process p = launch("strat");
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue());
        assertTrue(stderr(p).contains("tributary: unknown command 'strat'"));
    }

    @Test
    void anOldJavaIsRefusedWithAClearMessage() throws Exception {
        Path fakeJdk = Files.createTempDirectory("old-jdk");
        Path bin = Files.createDirectories(fakeJdk.resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho 'openjdk version \"11.0.2\" 2019-01-15' >&2\n");
        assertTrue(java.toFile().setExecutable(true));
        ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("tributary").toString(), "start").directory(ROOT.toFile());
        pb.environment().put("JAVA_HOME", fakeJdk.toString());
        Process p = start(pb);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue());
        assertTrue(stderr(p).contains("Java 17 or newer is required, found '11.0.2'"));
    }

    private static Process launch(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ROOT.resolve("tributary").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile());
        // The reactor packaged the server just before this test: run that build, never rebuild mid-test.
        pb.environment().put("TRIBUTARY_NO_BUILD", "1");
        return start(pb);
    }

    /** Starts with stderr in a file, so a chatty process never blocks on a full pipe. */
    private static Process start(ProcessBuilder pb) throws IOException {
        Path err = Files.createTempFile("tributary-launcher", ".err");
        err.toFile().deleteOnExit();
        Process p = pb.redirectError(err.toFile()).start();
        STDERR.put(p, err);
        return p;
    }

    private static HttpRequest request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build();
    }

    /** Reads stdout until a line containing {@code marker}; fails if the process ends first. */
    private static String awaitLine(Process p, String marker) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.contains(marker)) {
                return line;
            }
        }
        throw new AssertionError("process ended before printing '" + marker + "': " + stderr(p));
    }

    private static String stderr(Process p) throws IOException {
        return Files.readString(STDERR.get(p), StandardCharsets.UTF_8);
    }
}
