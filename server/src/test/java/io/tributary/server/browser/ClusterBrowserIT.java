package io.tributary.server.browser;

import static io.tributary.server.browser.BrowserMedia.awaitMediaFrom;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.server.browser.Browsers.Page;
import io.tributary.server.cluster.TestCluster;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real mediasoup-client in Chromium pointed at a dispatcher: the dispatcher serves the web client, whose
 * WebSocket goes back to the dispatcher and through its proxy to the room's node; media flows between the browsers
 * and the node directly. Redis, two nodes and a dispatcher as separate processes.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ClusterBrowserIT {

    @Test
    void twoBrowsersOnTheDispatcherUrlReachTheHomeNodeThroughTheProxyAndDecodeEachOther() throws Exception {
        try (TestCluster cluster = TestCluster.withRedis()) {
            cluster.node("node-1");
            cluster.node("node-2");
            TestCluster.Dispatcher dispatcher = cluster.dispatcher();
            cluster.awaitReady();
            try (Browsers browsers = Browsers.start()) {
                Map<String, String> urls = new LinkedHashMap<>();
                for (String peer : List.of("alice", "bob")) {
                    urls.put(peer, "http://127.0.0.1:" + dispatcher.port() + "/?roomId=clustered&peerId=" + peer
                            + "&displayName=" + peer);
                }
                List<Page> pages = browsers.openAll(urls);
                awaitMediaFrom(pages.get(0), "bob");
                awaitMediaFrom(pages.get(1), "alice");
                Map<String, Integer> where = cluster.roomPeers().get("default/clustered");
                assertEquals(1, where.size(), "one home node: " + where);
                assertEquals(2, where.values().iterator().next(), "both browsers on it: " + where);
            }
        }
    }
}
