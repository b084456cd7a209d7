package io.tributary.worker.sctp;

import io.tributary.worker.rtp.BigEndian;
import java.util.ArrayList;
import java.util.List;

/** RE-CONFIG (RFC 6525 §3.1): one or two reconfiguration parameters. */
record ReConfigChunk(List<ReConfigParameter> parameters) implements Chunk {

    static ReConfigChunk decode(byte[] buf, int off, int len) {
        List<ReConfigParameter> parameters = new ArrayList<>(2);
        int end = off + len;
        int at = off;
        while (at < end) {
            if (end - at < 4) {
                return null;
            }
            int plen = BigEndian.u16(buf, at + 2);
            if (plen < 4 || plen > end - at) {
                return null;
            }
            ReConfigParameter parameter = ReConfigParameter.decode(BigEndian.u16(buf, at), buf, at + 4, plen - 4);
            if (parameter == null) {
                return null;
            }
            parameters.add(parameter);
            at += Chunk.padded(plen);
        }
        return parameters.isEmpty() ? null : new ReConfigChunk(parameters);
    }

    @Override
    public int type() {
        return ChunkType.RE_CONFIG;
    }

    @Override
    public int flags() {
        return 0;
    }

    @Override
    public int valueLength() {
        int length = 0;
        for (int i = 0; i < parameters.size(); i++) {
            int plen = 4 + parameters.get(i).valueLength();
            length += i == parameters.size() - 1 ? plen : Chunk.padded(plen);
        }
        return length;
    }

    @Override
    public void writeValue(byte[] buf, int off) {
        int at = off;
        for (ReConfigParameter parameter : parameters) {
            int plen = 4 + parameter.valueLength();
            BigEndian.put16(buf, at, parameter.type());
            BigEndian.put16(buf, at + 2, plen);
            parameter.writeValue(buf, at + 4);
            for (int i = at + plen; i < at + Chunk.padded(plen); i++) {
                buf[i] = 0;
            }
            at += Chunk.padded(plen);
        }
    }
}
