package io.tributary.state.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link RedisClusterState} reaches Redis: the URL (see {@link RedisUrl}), the key prefix
 * (keys are {@code {prefix}:...}) and the time after which a command fails instead of waiting
 * (also the connect timeout).
 */
public record RedisStateConfig(String url, String keyPrefix, Duration commandTimeout) {

    public static final String DEFAULT_PREFIX = "tributary";
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(2);

    public RedisStateConfig {
        Objects.requireNonNull(url, "url");
        keyPrefix = keyPrefix == null ? DEFAULT_PREFIX : keyPrefix;
        commandTimeout = commandTimeout == null ? DEFAULT_COMMAND_TIMEOUT : commandTimeout;
        if (commandTimeout.isNegative() || commandTimeout.isZero()) {
            throw new IllegalArgumentException("commandTimeout must be positive: " + commandTimeout);
        }
    }

    public static RedisStateConfig of(String url) {
        return new RedisStateConfig(url, DEFAULT_PREFIX, DEFAULT_COMMAND_TIMEOUT);
    }
}
