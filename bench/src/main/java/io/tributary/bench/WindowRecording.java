package io.tributary.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * A JFR recording of the measured window only, so set-up (DTLS handshakes, class loading, JIT
 * warm-up) does not crowd the profile. "profile" settings: method samples every 10-20 ms and
 * allocation samples, enough to see where a microsecond per packet goes.
 */
final class WindowRecording {

    private Recording recording;

    void start() {
        if (recording != null) {
            throw new IllegalStateException("a recording is already running");
        }
        try {
            recording = new Recording(Configuration.getConfiguration("profile"));
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("JFR profile settings: " + e, e);
        }
        recording.start();
    }

    void stop(Path file) {
        if (recording == null) {
            throw new IllegalStateException("no recording running");
        }
        try {
            recording.stop();
            recording.dump(file);
        } catch (IOException e) {
            throw new IllegalStateException("JFR dump to " + file + ": " + e, e);
        } finally {
            recording.close();
            recording = null;
        }
    }
}
