package io.tributary.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.protoo.ProtooClient;
import io.tributary.protoo.ProtooClientOptions;
import io.tributary.server.FreePorts;
import io.tributary.server.config.ServerConfig;
import io.tributary.server.node.StandaloneNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClientOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A node with a generated self-signed certificate serves HTTPS and protoo over WSS on the same port. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsNodeIT {

    @Test
    void selfSignedNodeServesHttpsAndWss() throws Exception {
        ServerConfig config = new ServerConfig("127.0.0.1", FreePorts.tcp(), FreePorts.tcpPair(), 1, null)
                .withTls(new ServerConfig.TlsConfig(null, null, true));
        StandaloneNode node = StandaloneNode.start(config).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        Vertx clients = Vertx.vertx();
        try {
            HttpClient https = HttpClient.newBuilder().sslContext(trustAll()).build();
            HttpResponse<String> health = https.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + node.httpPort() + "/api/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            assertTrue(health.body().contains("\"status\":\"ok\""), health.body());

            ProtooClientOptions defaults = ProtooClientOptions.defaults();
            ProtooClientOptions wss = new ProtooClientOptions(defaults.retry(), defaults.requestTimeout(),
                    defaults.maxMessageSize(), new WebSocketClientOptions().setSsl(true).setTrustAll(true).setVerifyHost(false));
            ProtooClient client = ProtooClient.connect(clients,
                    "wss://127.0.0.1:" + node.httpPort() + "/?roomId=secure&peerId=p1", wss);
            client.opened().get(20, TimeUnit.SECONDS);
            JsonNode caps = client.request("getRouterRtpCapabilities", new ObjectMapper().createObjectNode())
                    .get(10, TimeUnit.SECONDS);
            assertEquals(9, caps.get("codecs").size());
            client.close();
        } finally {
            clients.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            node.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** The test trusts the generated certificate as a user accepting the browser's warning would. */
    private static SSLContext trustAll() throws Exception {
        TrustManager[] all = {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }};
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, all, null);
        return context;
    }
}
