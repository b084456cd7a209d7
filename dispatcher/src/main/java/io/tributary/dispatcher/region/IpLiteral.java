package io.tributary.dispatcher.region;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses an IPv4 or IPv6 address literal to its bytes without ever resolving a name.
 * IPv4 is parsed here, and only text with a colon (which {@link InetAddress} never looks up) reaches
 * it as IPv6. IPv4-mapped IPv6 addresses come back as IPv4 (4 bytes); brackets and a zone id
 * ({@code %eth0}) are dropped.
 */
final class IpLiteral {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private IpLiteral() {}

    static Optional<byte[]> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.trim();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        if (IPV4.matcher(s).matches()) {
            return ipv4(s);
        }
        if (!IPV6.matcher(s).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(s).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Optional<byte[]> ipv4(String s) {
        String[] parts = s.split("\\.");
        byte[] address = new byte[4];
        for (int i = 0; i < 4; i++) {
            int octet = Integer.parseInt(parts[i]);
            if (octet > 255) {
                return Optional.empty();
            }
            address[i] = (byte) octet;
        }
        return Optional.of(address);
    }
}
