package io.tributary.worker.srtp;

import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.srtp.crypto.Aes;
import org.jitsi.srtp.crypto.JitsiOpenSslProvider;

import io.tributary.worker.errors.TypeError;

/**
 * SRTP and SRTCP (RFC 3711, RFC 7714) for one transport: protects what it sends with the local
 * master key and unprotects what it receives with the remote one, in place in the caller's buffer.
 *
 * <p>Every call returns the new length or a negative {@link SrtpStatus}; nothing throws for bad
 * packets. Crypto contexts are created on the first packet of an SSRC and cached; afterwards this
 * class allocates nothing per packet (jitsi-srtp's JCE calls underneath still create small
 * temporaries). A receive context is only cached once a packet authenticated, so garbage with
 * random SSRCs cannot fill the cache. Not thread-safe: confine to one event loop.
 */
public final class SrtpSession implements AutoCloseable {

    /** Streams per direction; more is either a broken peer or an attack. */
    public static final int MAX_STREAMS = 1024;

    private static final int RTP_HEADER_LENGTH = 12;
    private static final int RTCP_HEADER_LENGTH = 8;

    static {
        // jitsi-srtp picks its AES provider by speed alone, but SunJCE copies every in-place packet
        // (~2.7 KB garbage per packet); OpenSSL is as fast with ~0.2 KB, so use it whenever it loaded.
        if (JitsiOpenSslProvider.isLoaded()) {
            Aes.setFactoryClassName(Aes.OpenSSLCipherFactory.class.getName());
        }
    }

    private final SrtpProfile profile;
    private final SrtpContextFactory sender;
    private final SrtpContextFactory receiver;
    private final SsrcMap<SrtpCryptoContext> sendRtp = new SsrcMap<>();
    private final SsrcMap<SrtpCryptoContext> receiveRtp = new SsrcMap<>();
    private final SsrcMap<SrtcpCryptoContext> sendRtcp = new SsrcMap<>();
    private final SsrcMap<SrtcpCryptoContext> receiveRtcp = new SsrcMap<>();
    private final SrtpPacketBuffer packet = new SrtpPacketBuffer();
    private boolean closed;

    /**
     * @param local  key and salt this side protects with (for DTLS: its own role's write key)
     * @param remote key and salt the peer protects with
     */
    public SrtpSession(SrtpProfile profile, SrtpMasterKey local, SrtpMasterKey remote) {
        if (!local.fits(profile) || !remote.fits(profile)) {
            throw new TypeError("SRTP key or salt length does not match " + profile.cryptoSuite());
        }
        this.profile = profile;
        this.sender = new SrtpContextFactory(true, local.key(), local.salt(), profile.rtpPolicy(),
                profile.rtcpPolicy(), SrtpLogger.INSTANCE);
        this.receiver = new SrtpContextFactory(false, remote.key(), remote.salt(), profile.rtpPolicy(),
                profile.rtcpPolicy(), SrtpLogger.INSTANCE);
    }

    public SrtpProfile profile() {
        return profile;
    }

    /** Tail room {@link #protectRtp} needs beyond the packet. */
    public int rtpOverhead() {
        return profile.rtpOverhead();
    }

    /** Tail room {@link #protectRtcp} needs beyond the packet. */
    public int rtcpOverhead() {
        return profile.rtcpOverhead();
    }

    /** Encrypts and tags an RTP packet in place; returns the SRTP length or a negative {@link SrtpStatus}. */
    public int protectRtp(byte[] buf, int off, int len) {
        if (closed) {
            return SrtpStatus.FAILED;
        }
        if (rtpHeaderLength(buf, off, len) < 0) {
            return SrtpStatus.INVALID_PACKET;
        }
        if (buf.length - off - len < profile.rtpOverhead()) {
            return SrtpStatus.NO_ROOM;
        }
        int ssrc = readInt(buf, off + 8);
        try {
            SrtpCryptoContext context = sendRtp.get(ssrc);
            if (context == null) {
                if (sendRtp.size() >= MAX_STREAMS) {
                    return SrtpStatus.FAILED;
                }
                context = sender.deriveContext(ssrc, 0);
                sendRtp.put(ssrc, context);
            }
            packet.wrap(buf, off, len);
            return checkedLength(context.transformPacket(packet), len + profile.rtpOverhead());
        } catch (Exception e) {
            return SrtpStatus.FAILED;
        } finally {
            packet.clear();
        }
    }

    /** Authenticates, replay-checks and decrypts an SRTP packet in place; returns the RTP length or a status. */
    public int unprotectRtp(byte[] buf, int off, int len) {
        if (closed) {
            return SrtpStatus.FAILED;
        }
        if (!isVersion2(buf, off, len, RTP_HEADER_LENGTH)) {
            return SrtpStatus.INVALID_PACKET;
        }
        int ssrc = readInt(buf, off + 8);
        try {
            SrtpCryptoContext context = receiveRtp.get(ssrc);
            boolean fresh = context == null;
            if (fresh) {
                if (receiveRtp.size() >= MAX_STREAMS) {
                    return SrtpStatus.FAILED;
                }
                context = receiver.deriveContext(ssrc, 0);
            }
            packet.wrap(buf, off, len);
            SrtpErrorStatus status = context.reverseTransformPacket(packet, false);
            if (status != SrtpErrorStatus.OK) {
                return SrtpStatus.of(status);
            }
            if (fresh) {
                receiveRtp.put(ssrc, context);
            }
            return packet.getLength();
        } catch (Exception e) {
            return SrtpStatus.FAILED;
        } finally {
            packet.clear();
        }
    }

    /** Encrypts, indexes and tags an RTCP compound packet in place; returns the SRTCP length or a status. */
    public int protectRtcp(byte[] buf, int off, int len) {
        if (closed) {
            return SrtpStatus.FAILED;
        }
        if (!isVersion2(buf, off, len, RTCP_HEADER_LENGTH)) {
            return SrtpStatus.INVALID_PACKET;
        }
        if (buf.length - off - len < profile.rtcpOverhead()) {
            return SrtpStatus.NO_ROOM;
        }
        int ssrc = readInt(buf, off + 4);
        try {
            SrtcpCryptoContext context = sendRtcp.get(ssrc);
            if (context == null) {
                if (sendRtcp.size() >= MAX_STREAMS) {
                    return SrtpStatus.FAILED;
                }
                context = sender.deriveControlContext(ssrc);
                sendRtcp.put(ssrc, context);
            }
            packet.wrap(buf, off, len);
            return checkedLength(context.transformPacket(packet), len + profile.rtcpOverhead());
        } catch (Exception e) {
            return SrtpStatus.FAILED;
        } finally {
            packet.clear();
        }
    }

    /** Authenticates, replay-checks and decrypts an SRTCP packet in place; returns the RTCP length or a status. */
    public int unprotectRtcp(byte[] buf, int off, int len) {
        if (closed) {
            return SrtpStatus.FAILED;
        }
        if (!isVersion2(buf, off, len, RTCP_HEADER_LENGTH + profile.rtcpOverhead())) {
            return SrtpStatus.INVALID_PACKET;
        }
        int ssrc = readInt(buf, off + 4);
        try {
            SrtcpCryptoContext context = receiveRtcp.get(ssrc);
            boolean fresh = context == null;
            if (fresh) {
                if (receiveRtcp.size() >= MAX_STREAMS) {
                    return SrtpStatus.FAILED;
                }
                context = receiver.deriveControlContext(ssrc);
            }
            packet.wrap(buf, off, len);
            SrtpErrorStatus status = context.reverseTransformPacket(packet);
            if (status != SrtpErrorStatus.OK) {
                return SrtpStatus.of(status);
            }
            if (fresh) {
                receiveRtcp.put(ssrc, context);
            }
            return packet.getLength();
        } catch (Exception e) {
            return SrtpStatus.FAILED;
        } finally {
            packet.clear();
        }
    }

    /** {@link #protectRtcp} or {@link #protectRtp}, for callers that classified the packet already. */
    public int protect(byte[] buf, int off, int len, boolean rtcp) {
        return rtcp ? protectRtcp(buf, off, len) : protectRtp(buf, off, len);
    }

    /** {@link #unprotectRtcp} or {@link #unprotectRtp}, for callers that classified the packet already. */
    public int unprotect(byte[] buf, int off, int len, boolean rtcp) {
        return rtcp ? unprotectRtcp(buf, off, len) : unprotectRtp(buf, off, len);
    }

    /** Forgets an SSRC's contexts in both directions (mediasoup's RemoveStream), e.g. when a stream ends. */
    public void removeStream(int ssrc) {
        sendRtp.remove(ssrc);
        receiveRtp.remove(ssrc);
        sendRtcp.remove(ssrc);
        receiveRtcp.remove(ssrc);
    }

    /** Drops all contexts and wipes the master keys; later calls return {@link SrtpStatus#FAILED}. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        sendRtp.clear();
        receiveRtp.clear();
        sendRtcp.clear();
        receiveRtcp.clear();
        sender.close();
        receiver.close();
    }

    /**
     * jitsi-srtp reports OK even when its GCM cipher failed (the packet then stays plaintext), so
     * the length is checked: anything but exactly the expected growth is a failure, never plaintext.
     */
    private int checkedLength(SrtpErrorStatus status, int expectedLength) {
        if (status != SrtpErrorStatus.OK) {
            return SrtpStatus.of(status);
        }
        return packet.getLength() == expectedLength ? expectedLength : SrtpStatus.FAILED;
    }

    /** Length of the RTP header including CSRCs and extension, or -1 when it is not a sane RTP packet. */
    private static int rtpHeaderLength(byte[] buf, int off, int len) {
        if (!isVersion2(buf, off, len, RTP_HEADER_LENGTH)) {
            return -1;
        }
        int headerLength = RTP_HEADER_LENGTH + 4 * (buf[off] & 0x0F);
        if ((buf[off] & 0x10) != 0) {
            if (headerLength + 4 > len) {
                return -1;
            }
            headerLength += 4 + 4 * (((buf[off + headerLength + 2] & 0xFF) << 8) | (buf[off + headerLength + 3] & 0xFF));
        }
        return headerLength <= len ? headerLength : -1;
    }

    /** A buffer range of at least {@code minLength} bytes whose first byte says RTP/RTCP version 2. */
    private static boolean isVersion2(byte[] buf, int off, int len, int minLength) {
        return buf != null && off >= 0 && len >= minLength && off <= buf.length - len && (buf[off] & 0xC0) == 0x80;
    }

    private static int readInt(byte[] b, int i) {
        return ((b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }
}
