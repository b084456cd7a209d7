package io.tributary.client.media.send;

import io.tributary.worker.ortc.MediaKind;
import io.tributary.worker.ortc.RtpParameters;
import java.util.List;

/**
 * A synthetic source the peer sends, the counterpart of a mediasoup producer. It starts producing
 * once the peer is connected and stops on {@link #close()} or when the peer closes.
 */
public interface Publication {

    String mid();

    MediaKind kind();

    /**
     * What to pass to {@code transport.produce({kind, rtpParameters})}: codecs with the payload types
     * used, the header extensions written, one encoding per stream (SSRC, RTX, RID), CNAME.
     */
    RtpParameters rtpParameters();

    /** One stream per encoding, in encoding order (simulcast: r0, r1, r2). */
    List<OutboundStream> streams();

    /** The stream with this RID; throws when there is none. */
    default OutboundStream stream(String rid) {
        for (OutboundStream stream : streams()) {
            if (rid.equals(stream.rid())) {
                return stream;
            }
        }
        throw new IllegalArgumentException("no stream with rid " + rid + " in " + mid());
    }

    /** The first (or only) stream. */
    default OutboundStream stream() {
        return streams().get(0);
    }

    /** Asks every stream for a key frame on its next frame (video). */
    default void requestKeyFrame() {
        streams().forEach(OutboundStream::requestKeyFrame);
    }

    /** Pauses every stream. */
    default void pause() {
        streams().forEach(OutboundStream::pause);
    }

    default void resume() {
        streams().forEach(OutboundStream::resume);
    }

    /** Starts producing; the peer calls this once connected. Idempotent. */
    void start();

    /** Stops producing; the streams keep answering NACKs. */
    void close();
}
