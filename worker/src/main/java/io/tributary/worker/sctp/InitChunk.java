package io.tributary.worker.sctp;

import io.tributary.worker.rtp.BigEndian;
import java.util.ArrayList;
import java.util.List;

/**
 * INIT or INIT ACK (RFC 9260 §3.3.2, §3.3.3) reduced to what this stack uses: the fixed fields, whether the
 * peer speaks FORWARD TSN (RFC 3758) and RE-CONFIG (RFC 6525), the state cookie, and the parameters to
 * report as unrecognized. Addresses, host names and the rest are ignored (the lower layer is one path).
 */
record InitChunk(boolean ack, int initiateTag, long advertisedWindow, int outboundStreams, int inboundStreams,
        int initialTsn, boolean forwardTsn, boolean reconfig, byte[] cookie, List<byte[]> unrecognized)
        implements Chunk {

    static final int STATE_COOKIE = 7;
    static final int UNRECOGNIZED_PARAMETER = 8;
    static final int SUPPORTED_EXTENSIONS = 0x8008;
    static final int FORWARD_TSN_SUPPORTED = 0xC000;
    private static final int FIXED = 16;
    /** Parameters with no meaning here that are skipped silently: addresses, preservative, host name, types. */
    private static final int[] IGNORED = {5, 6, 9, 11, 12};

    static InitChunk decode(boolean ack, byte[] buf, int off, int len) {
        if (len < FIXED) {
            return null;
        }
        boolean forwardTsn = false;
        boolean reconfig = false;
        byte[] cookie = null;
        List<byte[]> unrecognized = List.of();
        boolean stopped = false;
        int end = off + len;
        int at = off + FIXED;
        while (at < end) {
            if (end - at < 4) {
                return null;
            }
            int type = BigEndian.u16(buf, at);
            int plen = BigEndian.u16(buf, at + 2);
            if (plen < 4 || plen > end - at) {
                return null;
            }
            if (!stopped) {
                switch (type) {
                    case STATE_COOKIE -> cookie = ChunkType.copy(buf, at + 4, plen - 4);
                    case FORWARD_TSN_SUPPORTED -> forwardTsn = true;
                    case SUPPORTED_EXTENSIONS -> {
                        for (int i = at + 4; i < at + plen; i++) {
                            int chunkType = buf[i] & 0xFF;
                            forwardTsn |= chunkType == ChunkType.FORWARD_TSN;
                            reconfig |= chunkType == ChunkType.RE_CONFIG;
                        }
                    }
                    default -> {
                        if (!ignored(type) && !(ack && type == UNRECOGNIZED_PARAMETER)) {
                            // RFC 9260 §3.2.1: high bit clear = stop here, next bit set = report it.
                            stopped = (type & 0x8000) == 0;
                            if ((type & 0x4000) != 0) {
                                if (unrecognized.isEmpty()) {
                                    unrecognized = new ArrayList<>();
                                }
                                unrecognized.add(ChunkType.copy(buf, at, plen));
                            }
                        }
                    }
                }
            }
            at += Chunk.padded(plen);
        }
        return new InitChunk(ack, BigEndian.i32(buf, off), BigEndian.u32(buf, off + 4), BigEndian.u16(buf, off + 8),
                BigEndian.u16(buf, off + 10), BigEndian.i32(buf, off + 12), forwardTsn, reconfig, cookie, unrecognized);
    }

    private static boolean ignored(int type) {
        for (int t : IGNORED) {
            if (t == type) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int type() {
        return ack ? ChunkType.INIT_ACK : ChunkType.INIT;
    }

    @Override
    public int flags() {
        return 0;
    }

    @Override
    public int valueLength() {
        int length = FIXED;
        int last = 0;
        for (int i = 0; i < parameterCount(); i++) {
            int parameter = parameterLength(i);
            if (parameter > 0) {
                last = parameter;
                length += Chunk.padded(parameter);
            }
        }
        // The chunk length counts every parameter's padding except the last one's (RFC 9260 §3.2).
        return length - (Chunk.padded(last) - last);
    }

    @Override
    public void writeValue(byte[] buf, int off) {
        BigEndian.put32(buf, off, initiateTag);
        BigEndian.put32(buf, off + 4, advertisedWindow);
        BigEndian.put16(buf, off + 8, outboundStreams);
        BigEndian.put16(buf, off + 10, inboundStreams);
        BigEndian.put32(buf, off + 12, initialTsn);
        int at = off + FIXED;
        int extensions = (forwardTsn ? 1 : 0) + (reconfig ? 1 : 0);
        if (extensions > 0) {
            at = parameterHeader(buf, at, SUPPORTED_EXTENSIONS, extensions);
            if (forwardTsn) {
                buf[at++] = (byte) ChunkType.FORWARD_TSN;
            }
            if (reconfig) {
                buf[at++] = (byte) ChunkType.RE_CONFIG;
            }
            at = zeroPad(buf, at, 4 + extensions);
        }
        if (forwardTsn) {
            at = parameterHeader(buf, at, FORWARD_TSN_SUPPORTED, 0);
        }
        if (cookie != null) {
            at = copyParameter(buf, at, STATE_COOKIE, cookie);
        }
        for (byte[] parameter : unrecognized) {
            at = copyParameter(buf, at, UNRECOGNIZED_PARAMETER, parameter);
        }
    }

    private int parameterCount() {
        return 2 + 1 + unrecognized.size();
    }

    /** Unpadded length of parameter {@code i} in write order; 0 for one that is absent. */
    private int parameterLength(int i) {
        return switch (i) {
            case 0 -> forwardTsn || reconfig ? 4 + (forwardTsn ? 1 : 0) + (reconfig ? 1 : 0) : 0;
            case 1 -> forwardTsn ? 4 : 0;
            case 2 -> cookie == null ? 0 : 4 + cookie.length;
            default -> 4 + unrecognized.get(i - 3).length;
        };
    }

    private static int parameterHeader(byte[] buf, int at, int type, int valueLength) {
        BigEndian.put16(buf, at, type);
        BigEndian.put16(buf, at + 2, 4 + valueLength);
        return at + 4;
    }

    private static int copyParameter(byte[] buf, int at, int type, byte[] value) {
        int start = parameterHeader(buf, at, type, value.length);
        System.arraycopy(value, 0, buf, start, value.length);
        return zeroPad(buf, start + value.length, 4 + value.length);
    }

    private static int zeroPad(byte[] buf, int at, int parameterLength) {
        int pad = Chunk.padded(parameterLength) - parameterLength;
        for (int i = 0; i < pad; i++) {
            buf[at++] = 0;
        }
        return at;
    }
}
