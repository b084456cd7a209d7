package io.tributary.worker;

import java.util.List;

/** {@code worker.dump()} as mediasoup shapes it. */
public record WorkerDump(long pid, List<String> webRtcServerIds, List<String> routerIds,
                         ChannelMessageHandlers channelMessageHandlers) {

    public record ChannelMessageHandlers(List<String> channelRequestHandlers, List<String> channelNotificationHandlers) {
    }
}
