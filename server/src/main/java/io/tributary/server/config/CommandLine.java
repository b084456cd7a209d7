package io.tributary.server.config;

import io.tributary.dispatcher.region.CidrTable;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/** Parses {@code start} options ({@code --name value} or {@code --name=value}) into a {@link ServerConfig}. */
public final class CommandLine {

    private static final Pattern IPV4 = Pattern.compile("^(\\d{1,3})(\\.\\d{1,3}){3}$");

    private static final Map<String, BiFunction<ServerConfig, String, ServerConfig>> TLS_OPTIONS = Map.of(
            "--tls-cert", (c, v) -> c.withTls(new ServerConfig.TlsConfig(readable("--tls-cert", v),
                    c.tls() == null ? null : c.tls().keyFile(), false)),
            "--tls-key", (c, v) -> c.withTls(new ServerConfig.TlsConfig(c.tls() == null ? null : c.tls().certificateFile(),
                    readable("--tls-key", v), false)));

    private static final Map<String, BiFunction<ServerConfig, String, ServerConfig>> OPTIONS = Map.of(
            "--host", (c, v) -> new ServerConfig(ipAddress("--host", v), c.port(), c.rtcPort(), c.workers(), c.announcedIp()),
            "--port", (c, v) -> new ServerConfig(c.host(), port("--port", v), c.rtcPort(), c.workers(), c.announcedIp()),
            "--rtc-port", (c, v) -> new ServerConfig(c.host(), c.port(), port("--rtc-port", v), c.workers(), c.announcedIp()),
            "--workers", (c, v) -> new ServerConfig(c.host(), c.port(), c.rtcPort(), workers(v), c.announcedIp()),
            "--announced-ip", (c, v) -> new ServerConfig(c.host(), c.port(), c.rtcPort(), c.workers(), announced(v)));

    private static final Map<String, BiConsumer<ClusterConfig.Builder, String>> CLUSTER_OPTIONS = Map.ofEntries(
            Map.entry("--role", (c, v) -> c.role(role(v))),
            Map.entry("--redis", (c, v) -> c.redisUrl(redisUrl(v))),
            Map.entry("--region", (c, v) -> c.region(name("--region", v))),
            Map.entry("--labels", (c, v) -> c.labels(pairs("--labels", v))),
            Map.entry("--pools", (c, v) -> c.pools(pairs("--pools", v))),
            Map.entry("--node-id", (c, v) -> c.nodeId(name("--node-id", v))),
            Map.entry("--capacity", (c, v) -> c.capacity(positive("--capacity", v))),
            Map.entry("--strategy", (c, v) -> c.strategy(name("--strategy", v))),
            Map.entry("--internal-port", (c, v) -> c.internalPort(port("--internal-port", v))),
            Map.entry("--drain-timeout", (c, v) -> c.drainTimeout(Duration.ofSeconds(positive("--drain-timeout", v)))),
            Map.entry("--cluster-secret", (c, v) -> c.secret(secret(v))),
            Map.entry("--room-node-cap", (c, v) -> c.roomNodeCap(nonNegative("--room-node-cap", v))),
            Map.entry("--router-consumer-budget",
                    (c, v) -> c.routerConsumerBudget(nonNegative("--router-consumer-budget", v))),
            Map.entry("--region-cidrs", (c, v) -> c.regionCidrs(cidrs(v))),
            Map.entry("--region-fallback", (c, v) -> c.regionFallback(fallback(v))));

    /** Where the cluster secret may come from instead of the command line (which other users can read). */
    public static final String SECRET_ENV = "TRIBUTARY_CLUSTER_SECRET";

    private static final Pattern NAME = Pattern.compile("^[0-9A-Za-z._:\\-]{1,64}$");

    private CommandLine() {
    }

    public static ServerConfig parse(List<String> args) {
        ServerConfig config = ServerConfig.defaults();
        ClusterConfig.Builder cluster = ClusterConfig.defaults().toBuilder();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (name.equals("--tls-self-signed")) {
                config = config.withTls(new ServerConfig.TlsConfig(null, null, true));
                continue;
            }
            if (name.equals("--redirect")) {
                cluster.redirect(true);
                continue;
            }
            BiFunction<ServerConfig, String, ServerConfig> option = OPTIONS.containsKey(name) ? OPTIONS.get(name)
                    : TLS_OPTIONS.get(name);
            BiConsumer<ClusterConfig.Builder, String> clusterOption = CLUSTER_OPTIONS.get(name);
            if (option == null && clusterOption == null) {
                throw new UsageException("unknown option '" + name + "' (see ./tributary help)");
            }
            if (value == null) {
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                    throw new UsageException("option " + name + " needs a value");
                }
                value = args.get(++i);
            }
            if (option != null) {
                config = option.apply(config, value);
            } else {
                clusterOption.accept(cluster, value);
            }
        }
        String envSecret = System.getenv(SECRET_ENV);
        if (envSecret != null && !envSecret.isEmpty() && cluster.build().secret() == null) {
            cluster.secret(secret(envSecret));
        }
        config = config.withCluster(cluster.build());
        if (config.cluster().role() == ClusterConfig.Role.NODE && (config.cluster().redisUrl() == null
                || config.cluster().redisUrl().equals("memory"))) {
            throw new UsageException("--role node needs --redis redis://host:port (the cluster's shared state)");
        }
        ServerConfig.TlsConfig tls = config.tls();
        if (tls != null && !tls.selfSigned() && (tls.certificateFile() == null || tls.keyFile() == null)) {
            throw new UsageException("--tls-cert and --tls-key must be given together");
        }
        if (config.port() >= config.rtcPort() && config.port() < config.rtcPort() + config.workers()) {
            throw new UsageException("--port " + config.port() + " collides with the media ports "
                    + config.rtcPort() + ".." + (config.rtcPort() + config.workers() - 1));
        }
        return config;
    }

    private static ClusterConfig.Role role(String value) {
        return switch (value.trim()) {
            case "standalone" -> ClusterConfig.Role.STANDALONE;
            case "node" -> ClusterConfig.Role.NODE;
            case "dispatcher" -> ClusterConfig.Role.DISPATCHER;
            default -> throw new UsageException("invalid --role '" + value + "': must be node, dispatcher or standalone");
        };
    }

    private static String redisUrl(String value) {
        String v = value.trim();
        if (!v.equals("memory") && !v.matches("^rediss?://\\S+$")) {
            throw new UsageException("invalid --redis '" + value + "': must be redis://host:port (or memory)");
        }
        return v;
    }

    /** {@code k=v[,k=v]}. */
    private static Map<String, String> pairs(String option, String value) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String pair : value.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new UsageException("invalid " + option + " '" + value + "': must be k=v[,k=v]");
            }
            pairs.put(name(option, pair.substring(0, eq)), name(option, pair.substring(eq + 1)));
        }
        return pairs;
    }

    /** {@code 10.0.0.0/8=eu,2001:db8::/32=us}: checked here so a bad range fails at start-up, not at the first join. */
    private static Map<String, String> cidrs(String value) {
        Map<String, String> table = new LinkedHashMap<>();
        for (String pair : value.split(",")) {
            int eq = pair.lastIndexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new UsageException("invalid --region-cidrs '" + value + "': must be cidr=region[,cidr=region]");
            }
            table.put(pair.substring(0, eq).trim(), name("--region-cidrs", pair.substring(eq + 1)));
        }
        try {
            CidrTable.parse(table);
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid --region-cidrs '" + value + "': " + e.getMessage());
        }
        return table;
    }

    /** {@code eu=us>ap,us=eu>ap}: for each region, the others to try, nearest first. */
    private static Map<String, List<String>> fallback(String value) {
        Map<String, List<String>> order = new LinkedHashMap<>();
        pairs("--region-fallback", value.replace('>', ':')).forEach((region, others) -> order.put(region,
                Arrays.stream(others.split(":")).map(r -> name("--region-fallback", r)).toList()));
        return order;
    }

    private static String name(String option, String value) {
        String v = value.trim();
        if (!NAME.matcher(v).matches()) {
            throw new UsageException("invalid " + option + " '" + value + "': letters, digits and . _ : - only, 64 at most");
        }
        return v;
    }

    private static int nonNegative(String option, String value) {
        int n = integer(option, value);
        if (n < 0) {
            throw new UsageException("invalid " + option + " '" + value + "': must be 0 or more");
        }
        return n;
    }

    /** HMAC keys shorter than this are refused (router-pipe's RequestSigner demands as much). */
    private static String secret(String value) {
        if (value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 16) {
            throw new UsageException("invalid --cluster-secret: must have at least 16 bytes");
        }
        return value;
    }

    private static int positive(String option, String value) {
        int n = integer(option, value);
        if (n < 1) {
            throw new UsageException("invalid " + option + " '" + value + "': must be 1 or more");
        }
        return n;
    }

    private static String readable(String name, String value) {
        if (!java.nio.file.Files.isReadable(java.nio.file.Path.of(value))) {
            throw new UsageException("invalid " + name + " '" + value + "': not a readable file");
        }
        return value;
    }

    private static int port(String name, String value) {
        int port = integer(name, value);
        if (port < 1 || port > 65535) {
            throw new UsageException("invalid " + name + " '" + value + "': must be a port number in 1..65535");
        }
        return port;
    }

    private static int workers(String value) {
        int n = integer("--workers", value);
        if (n < 1 || n > 256) {
            throw new UsageException("invalid --workers '" + value + "': must be in 1..256");
        }
        return n;
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("invalid " + name + " '" + value + "': not an integer");
        }
    }

    /** A literal IP address; names are refused so that binding never waits on DNS. */
    private static String ipAddress(String name, String value) {
        String v = value.trim();
        boolean literal = isIpv4(v) || (v.contains(":") && v.matches("^[0-9a-fA-F:.]+$"));
        if (!literal) {
            throw new UsageException("invalid " + name + " '" + value + "': must be an IPv4 or IPv6 address");
        }
        try {
            return InetAddress.getByName(v).getHostAddress();
        } catch (UnknownHostException e) {
            throw new UsageException("invalid " + name + " '" + value + "': must be an IPv4 or IPv6 address");
        }
    }

    private static boolean isIpv4(String v) {
        if (!IPV4.matcher(v).matches()) {
            return false;
        }
        for (String octet : v.split("\\.")) {
            if (Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    /** The announced address may be an IP or a host name, as in mediasoup's announcedAddress. */
    private static String announced(String value) {
        String v = value.trim();
        if (v.isEmpty() || !v.matches("^[0-9A-Za-z.:\\-]+$")) {
            throw new UsageException("invalid --announced-ip '" + value + "': must be an IP address or host name");
        }
        return v;
    }
}
