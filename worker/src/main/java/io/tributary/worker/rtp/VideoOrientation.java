package io.tributary.worker.rtp;

/** 3GPP coordination of video orientation byte: {@code 0 0 0 0 C F R1 R0}. */
public final class VideoOrientation {

    private VideoOrientation() {
    }

    /** True for the back-facing camera. */
    public static boolean backCamera(int raw) {
        return (raw & 0x08) != 0;
    }

    /** True when the image is flipped horizontally. */
    public static boolean flipped(int raw) {
        return (raw & 0x04) != 0;
    }

    /** Rotation, counter-clockwise: 0, 90, 180 or 270. */
    public static int rotationDegrees(int raw) {
        return (raw & 0x03) * 90;
    }

    public static int encode(boolean backCamera, boolean flipped, int rotationDegrees) {
        return (backCamera ? 0x08 : 0) | (flipped ? 0x04 : 0) | ((Math.floorMod(rotationDegrees, 360) / 90) & 0x03);
    }
}
