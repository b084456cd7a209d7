package io.tributary.worker.ortc;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Spatial and temporal layer counts encoded in a scalability mode string such as "L3T3_KEY". */
public record ScalabilityMode(int spatialLayers, int temporalLayers, boolean ksvc) {

    /** A prefix match: trailing text (like "_SHIFT") is ignored, as in mediasoup. */
    private static final Pattern MODE = Pattern.compile("^[LS]([1-9][0-9]?)T([1-9][0-9]?)(_KEY)?");

    private static final ScalabilityMode DEFAULT = new ScalabilityMode(1, 1, false);

    /** Parses a mode; anything unparsable (or null) means one spatial and one temporal layer. */
    public static ScalabilityMode parse(String mode) {
        Matcher m = MODE.matcher(mode == null ? "" : mode);
        if (!m.find()) {
            return DEFAULT;
        }
        return new ScalabilityMode(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3) != null);
    }
}
