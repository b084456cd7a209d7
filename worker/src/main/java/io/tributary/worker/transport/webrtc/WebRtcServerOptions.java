package io.tributary.worker.transport.webrtc;

import io.tributary.worker.transport.TransportListenInfo;
import java.util.List;
import java.util.Map;

/** Options of {@code worker.createWebRtcServer}: one UDP socket or TCP listener per listen info. */
public record WebRtcServerOptions(List<TransportListenInfo> listenInfos, Map<String, Object> appData) {

    public WebRtcServerOptions {
        listenInfos = listenInfos == null ? null : List.copyOf(listenInfos);
        appData = appData == null ? Map.of() : appData;
    }

    public static WebRtcServerOptions of(List<TransportListenInfo> listenInfos) {
        return new WebRtcServerOptions(listenInfos, null);
    }
}
