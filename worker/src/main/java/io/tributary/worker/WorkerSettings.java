package io.tributary.worker;

import io.tributary.worker.errors.TypeError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * mediasoup's worker settings with its defaults. Certificate files are PEM; without them the worker
 * generates a self-signed ECDSA certificate.
 */
public record WorkerSettings(
        String logLevel,
        List<String> logTags,
        int rtcMinPort,
        int rtcMaxPort,
        String dtlsCertificateFile,
        String dtlsPrivateKeyFile,
        Map<String, Object> appData) {

    public static final Set<String> LOG_LEVELS = Set.of("debug", "warn", "error", "none");
    public static final Set<String> LOG_TAGS = Set.of("info", "ice", "dtls", "rtp", "srtp", "rtcp", "rtx",
            "bwe", "score", "simulcast", "svc", "sctp", "message");

    public WorkerSettings {
        logLevel = logLevel == null ? "error" : logLevel;
        logTags = logTags == null ? List.of() : List.copyOf(logTags);
        appData = appData == null ? Map.of() : appData;
    }

    public static WorkerSettings defaults() {
        return new WorkerSettings(null, null, 10000, 59999, null, null, null);
    }

    public WorkerSettings withAppData(Map<String, Object> data) {
        return new WorkerSettings(logLevel, logTags, rtcMinPort, rtcMaxPort, dtlsCertificateFile, dtlsPrivateKeyFile, data);
    }

    public WorkerSettings withLogging(String level, List<String> tags) {
        return new WorkerSettings(level, tags, rtcMinPort, rtcMaxPort, dtlsCertificateFile, dtlsPrivateKeyFile, appData);
    }

    /** The checks mediasoup's worker makes at start-up; each failure is a {@link TypeError}. */
    void validate() {
        if (!LOG_LEVELS.contains(logLevel)) {
            throw new TypeError("invalid logLevel: " + logLevel);
        }
        for (String tag : logTags) {
            if (!LOG_TAGS.contains(tag)) {
                throw new TypeError("invalid logTag: " + tag);
            }
        }
        if (rtcMinPort < 0 || rtcMinPort > 65535) {
            throw new TypeError("invalid rtcMinPort: " + rtcMinPort);
        }
        if (rtcMaxPort < 0 || rtcMaxPort > 65535) {
            throw new TypeError("invalid rtcMaxPort: " + rtcMaxPort);
        }
        if (rtcMinPort > rtcMaxPort) {
            throw new TypeError("rtcMinPort cannot be higher than rtcMaxPort");
        }
        if ((dtlsCertificateFile == null) != (dtlsPrivateKeyFile == null)) {
            throw new TypeError("dtlsCertificateFile and dtlsPrivateKeyFile must be given together");
        }
        if (dtlsCertificateFile != null && !Files.isReadable(Path.of(dtlsCertificateFile))) {
            throw new TypeError("dtlsCertificateFile does not exist or cannot be read: " + dtlsCertificateFile);
        }
        if (dtlsPrivateKeyFile != null && !Files.isReadable(Path.of(dtlsPrivateKeyFile))) {
            throw new TypeError("dtlsPrivateKeyFile does not exist or cannot be read: " + dtlsPrivateKeyFile);
        }
    }
}
