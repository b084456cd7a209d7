package io.tributary.protoo.server;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Decodes a URL query string; the first value of a repeated name wins, a malformed escape is kept as sent. */
final class QueryString {

    private QueryString() {
    }

    static Map<String, String> decode(String query) {
        Map<String, String> values = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decodePart(eq < 0 ? pair : pair.substring(0, eq));
                values.putIfAbsent(name, eq < 0 ? "" : decodePart(pair.substring(eq + 1)));
            }
        }
        return Collections.unmodifiableMap(values);
    }

    private static String decodePart(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return part;
        }
    }
}
