package io.tributary.bench;

import java.util.logging.Level;
import java.util.logging.Logger;

/** jitsi-srtp announces its crypto backend at INFO for every new context; the report says it once. */
final class QuietLogs {

    /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
    private static final Logger JITSI = Logger.getLogger("org.jitsi");

    private QuietLogs() {
    }

    static void apply() {
        JITSI.setLevel(Level.WARNING);
    }
}
