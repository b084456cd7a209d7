package io.tributary.server.room;

import static io.tributary.client.room.RoomParticipant.JSON;
import static io.tributary.client.room.RoomParticipant.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.client.media.receive.ReceivedStreamStats;
import io.tributary.client.room.RoomParticipant;
import io.tributary.server.FreePorts;
import io.tributary.server.config.ServerConfig;
import io.tributary.server.node.StandaloneNode;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The mediasoup-demo broadcaster flow, as its ffmpeg.sh does it: a broadcaster over HTTP, two comedia
 * PlainTransports without rtcp-mux, VP8 and Opus producers with fixed SSRCs, and the real ffmpeg
 * streaming into them; a room participant receives both.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BroadcasterFfmpegIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private final Vertx clients = Vertx.vertx();
    private StandaloneNode node;
    private Process ffmpeg;

    @BeforeEach
    void start() throws Exception {
        node = StandaloneNode.start(new ServerConfig("127.0.0.1", FreePorts.tcp(), FreePorts.tcpPair(), 1, null))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        if (ffmpeg != null) {
            ffmpeg.destroyForcibly();
        }
        clients.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        node.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void ffmpegBroadcastsVp8AndOpusIntoTheRoom() throws Exception {
        try (RoomParticipant viewer = new RoomParticipant(clients, node.httpPort(), "live", "viewer")) {
            viewer.join("Viewer");
            String base = "/rooms/live/broadcasters";
            assertEquals(200, get("/rooms/live").statusCode(), "ffmpeg.sh checks the room first");
            JsonNode created = post(base, "{\"id\":\"bcast\",\"displayName\":\"Broadcaster\","
                    + "\"device\":{\"name\":\"FFmpeg\"}}");
            assertEquals(0, created.get("peers").size(), "without rtpCapabilities no peers are listed");
            viewer.awaitNotification("newPeer", d -> "bcast".equals(d.get("id").asText())
                    && "broadcaster".equals(d.get("device").get("flag").asText()));

            JsonNode audio = post(base + "/bcast/transports", "{\"type\":\"plain\",\"comedia\":true,\"rtcpMux\":false}");
            JsonNode video = post(base + "/bcast/transports", "{\"type\":\"plain\",\"comedia\":true,\"rtcpMux\":false}");
            String audioId = post(base + "/bcast/transports/" + audio.get("id").asText() + "/producers",
                    "{\"kind\":\"audio\",\"rtpParameters\":{\"codecs\":[{\"mimeType\":\"audio/opus\",\"payloadType\":100,"
                            + "\"clockRate\":48000,\"channels\":2,\"parameters\":{\"sprop-stereo\":1}}],"
                            + "\"encodings\":[{\"ssrc\":1111}]}}").get("id").asText();
            String videoId = post(base + "/bcast/transports/" + video.get("id").asText() + "/producers",
                    "{\"kind\":\"video\",\"rtpParameters\":{\"codecs\":[{\"mimeType\":\"video/vp8\",\"payloadType\":101,"
                            + "\"clockRate\":90000}],\"encodings\":[{\"ssrc\":2222}]}}").get("id").asText();

            ffmpeg = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-re",
                    "-f", "lavfi", "-i", "testsrc=size=320x240:rate=30",
                    "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "30",
                    "-map", "1:a:0", "-c:a", "libopus", "-ac", "2", "-b:a", "64k",
                    "-f", "rtp", "-ssrc", "1111", "-payload_type", "100",
                    "rtp://127.0.0.1:" + audio.get("port").asInt() + "?rtcpport=" + audio.get("rtcpPort").asInt(),
                    "-map", "0:v:0", "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "300k",
                    "-g", "30", "-pix_fmt", "yuv420p",
                    "-f", "rtp", "-ssrc", "2222", "-payload_type", "101",
                    "rtp://127.0.0.1:" + video.get("port").asInt() + "?rtcpport=" + video.get("rtcpPort").asInt()
                            + "&pkt_size=1200")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();

            ReceivedStreamStats seen = await(viewer.awaitStream(videoId).await(s -> s.keyFrames() >= 1 && s.packets() >= 60));
            ReceivedStreamStats heard = await(viewer.awaitStream(audioId).await(s -> s.packets() >= 50));
            assertTrue(seen.keyFrameWidth() == 320, "the viewer decodes ffmpeg's 320x240 VP8: " + seen);
            assertEquals(0, seen.lost(), seen.toString());
            assertTrue(heard.packets() >= 50, heard.toString());

            assertEquals(200, http.send(HttpRequest.newBuilder(uri(base + "/bcast")).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            viewer.awaitNotification("peerClosed", d -> "bcast".equals(d.get("peerId").asText()));
        }
    }

    @Test
    void badBroadcasterRequestsAnswerAsTheDemo() throws Exception {
        HttpResponse<String> missingId = http.send(HttpRequest.newBuilder(uri("/rooms/x/broadcasters"))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, missingId.statusCode());
        assertEquals("TypeError: missing body.id", missingId.body());
        post("/rooms/x/broadcasters", "{\"id\":\"b\",\"displayName\":\"B\",\"device\":{\"name\":\"x\"}}");
        HttpResponse<String> duplicate = http.send(HttpRequest.newBuilder(uri("/rooms/x/broadcasters"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"b\",\"displayName\":\"B\",\"device\":{\"name\":\"x\"}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(500, duplicate.statusCode());
        assertEquals("Error: broadcaster with id \"b\" already exists", duplicate.body());
        HttpResponse<String> badType = http.send(HttpRequest.newBuilder(uri("/rooms/x/broadcasters/b/transports"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"carrier-pigeon\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, badType.statusCode());
        assertEquals("TypeError: invalid type", badType.body());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + node.httpPort() + path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode post(String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return JSON.readTree(response.body());
    }
}
