package io.tributary.worker.ortc;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * JavaScript number semantics for values that travel as JSON: mediasoup compares numbers with
 * {@code ===} (so 1 and 1.0 are the same value) and prints them the way {@code JSON.stringify} does.
 */
public final class JsNumber {

    private static final double LONG_LIMIT = 9.2e18;

    private JsNumber() {}

    /**
     * Canonical Java form of a JavaScript number: {@code Integer} when integral and in int range,
     * {@code Long} when integral beyond that, {@code Double} otherwise. Equal JS numbers get equal
     * Java objects, so {@code Objects.equals} behaves like {@code ===}.
     */
    public static Number normalize(Number value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return value.intValue();
        }
        if (value instanceof Long l) {
            return fromLong(l);
        }
        if (value instanceof BigInteger big && big.bitLength() < 63) {
            return fromLong(big.longValue());
        }
        double d = value.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        if (d == Math.rint(d) && Math.abs(d) < LONG_LIMIT) {
            return fromLong((long) d);
        }
        return d;
    }

    private static Number fromLong(long l) {
        return l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? (Number) (int) l : (Number) l;
    }

    /** The text JavaScript's {@code Number.prototype.toString()} gives for a finite double. */
    public static String format(double d) {
        if (d == 0) {
            return "0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        String sign = exact.signum() < 0 ? "-" : "";
        String digits = exact.unscaledValue().abs().toString();
        int k = digits.length();
        int n = k - exact.scale();
        StringBuilder out = new StringBuilder(sign);
        if (k <= n && n <= 21) {
            out.append(digits).append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            int e = n - 1;
            out.append(digits.charAt(0));
            if (k > 1) {
                out.append('.').append(digits, 1, k);
            }
            out.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
        }
        return out.toString();
    }

    /** Writes any Number as JavaScript would print it (no "4.0", no "1.0E7"). */
    public static void write(Number value, JsonGenerator gen) throws IOException {
        Number n = normalize(value);
        if (n instanceof Integer i) {
            gen.writeNumber(i);
        } else if (n instanceof Long l) {
            gen.writeNumber(l);
        } else {
            gen.writeNumber(format(n.doubleValue()));
        }
    }

    /** Jackson serializer for numeric record components that may hold decimals. */
    public static final class Serializer extends JsonSerializer<Number> {
        @Override
        public void serialize(Number value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            write(value, gen);
        }
    }
}
