package io.tributary.worker.transport;

import io.tributary.worker.errors.TypeError;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * IP literals and ports as mediasoup's worker accepts them in {@code connect()} and listen infos: a
 * dotted-quad IPv4 or an IPv6 literal, never a host name; anything else is a {@code TypeError}.
 */
public final class IpLiterals {

    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+");

    private IpLiterals() {
    }

    /** The address of a literal; no DNS lookup ever happens. */
    public static InetAddress parse(String ip) {
        boolean literal = ip != null && (IPV4.matcher(ip).matches() || (ip.contains(":") && IPV6.matcher(ip).matches()));
        if (!literal) {
            throw new TypeError("invalid IP '" + ip + "'");
        }
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new TypeError("invalid IP '" + ip + "'");
        }
    }

    public static void checkPort(int port, String name) {
        if (port < 1 || port > 65535) {
            throw new TypeError("invalid " + name + " " + port);
        }
    }
}
