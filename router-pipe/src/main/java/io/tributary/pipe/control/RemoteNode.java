package io.tributary.pipe.control;

/**
 * Another node as the control API reaches it: its id and the base URL its control API is mounted at
 * (in Tributary, the registry's {@code NodeRecord.internalUrl}).
 */
public record RemoteNode(String nodeId, String controlUrl) {

    public RemoteNode {
        if (nodeId == null || nodeId.isEmpty()) {
            throw new IllegalArgumentException("missing nodeId");
        }
        if (controlUrl == null || !(controlUrl.startsWith("http://") || controlUrl.startsWith("https://"))) {
            throw new IllegalArgumentException("controlUrl must be an http(s) URL: " + controlUrl);
        }
        controlUrl = controlUrl.endsWith("/") ? controlUrl.substring(0, controlUrl.length() - 1) : controlUrl;
    }
}
