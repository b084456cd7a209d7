package io.tributary.server.http;

/** What the health endpoint reports about the node itself. */
public record NodeInfo(String role, String version, int workers, long startedAtMs) {

    public long uptimeMs() {
        return System.currentTimeMillis() - startedAtMs;
    }
}
