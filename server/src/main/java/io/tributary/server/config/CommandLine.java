package io.tributary.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
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

    private CommandLine() {
    }

    public static ServerConfig parse(List<String> args) {
        ServerConfig config = ServerConfig.defaults();
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
            BiFunction<ServerConfig, String, ServerConfig> option = OPTIONS.containsKey(name) ? OPTIONS.get(name)
                    : TLS_OPTIONS.get(name);
            if (option == null) {
                throw new UsageException("unknown option '" + name + "' (see ./tributary help)");
            }
            if (value == null) {
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                    throw new UsageException("option " + name + " needs a value");
                }
                value = args.get(++i);
            }
            config = option.apply(config, value);
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
