package io.tributary.server.config;

/**
 * How a node runs: where it listens for HTTP/WebSocket, where its media workers listen, and what
 * address it announces in ICE candidates.
 */
public record ServerConfig(String host, int port, int rtcPort, int workers, String announcedIp, TlsConfig tls,
                           ClusterConfig cluster) {

    /** HTTPS/WSS: PEM certificate and key files, or a certificate generated at start-up. */
    public record TlsConfig(String certificateFile, String keyFile, boolean selfSigned) {
    }

    public ServerConfig(String host, int port, int rtcPort, int workers, String announcedIp) {
        this(host, port, rtcPort, workers, announcedIp, null, ClusterConfig.defaults());
    }

    public ServerConfig withTls(TlsConfig value) {
        return new ServerConfig(host, port, rtcPort, workers, announcedIp, value, cluster);
    }

    public ServerConfig withCluster(ClusterConfig value) {
        return new ServerConfig(host, port, rtcPort, workers, announcedIp, tls, value);
    }

    /** "https" when TLS is on: browsers on other machines need it for camera and microphone. */
    public String scheme() {
        return tls == null ? "http" : "https";
    }

    public static final int DEFAULT_PORT = 4443;
    public static final int DEFAULT_RTC_PORT = 44444;
    public static final String DEFAULT_HOST = "127.0.0.1";

    public ServerConfig {
        cluster = cluster == null ? ClusterConfig.defaults() : cluster;
        if (rtcPort + workers - 1 > 65535) {
            throw new UsageException("--rtc-port " + rtcPort + " with " + workers
                    + " workers needs ports up to " + (rtcPort + workers - 1) + ", above 65535");
        }
    }

    public static ServerConfig defaults() {
        return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_RTC_PORT,
                Runtime.getRuntime().availableProcessors(), null);
    }

    /** The address media peers are told to use: the announced one, else the bound host. */
    public String effectiveAnnouncedIp() {
        return announcedIp != null ? announcedIp : host;
    }

    /** Media port of worker {@code index} (0-based): one UDP socket and one TCP listener each. */
    public int rtcPortOf(int index) {
        return rtcPort + index;
    }
}
