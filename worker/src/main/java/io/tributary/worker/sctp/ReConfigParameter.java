package io.tributary.worker.sctp;

import io.tributary.worker.rtp.BigEndian;

/** The RE-CONFIG parameters (RFC 6525 §4) this stack acts on; other requests are answered "denied". */
sealed interface ReConfigParameter {

    int OUTGOING_SSN_RESET_REQUEST = 13;
    int RESPONSE = 16;

    int type();

    int valueLength();

    void writeValue(byte[] buf, int off);

    /** Null when malformed. */
    static ReConfigParameter decode(int type, byte[] buf, int off, int len) {
        if (type == OUTGOING_SSN_RESET_REQUEST) {
            if (len < 12 || (len - 12) % 2 != 0) {
                return null;
            }
            int[] streams = new int[(len - 12) / 2];
            for (int i = 0; i < streams.length; i++) {
                streams[i] = BigEndian.u16(buf, off + 12 + 2 * i);
            }
            return new OutgoingSsnResetRequest(BigEndian.i32(buf, off), BigEndian.i32(buf, off + 4),
                    BigEndian.i32(buf, off + 8), streams);
        }
        if (type == RESPONSE) {
            return len == 8 || len == 16 ? new Response(BigEndian.i32(buf, off), BigEndian.i32(buf, off + 4)) : null;
        }
        return len >= 4 ? new OtherRequest(type, BigEndian.i32(buf, off)) : null;
    }

    /** Outgoing SSN Reset Request (RFC 6525 §4.1); no streams listed means all of them. */
    record OutgoingSsnResetRequest(int requestSequence, int responseSequence, int senderLastTsn, int[] streamIds)
            implements ReConfigParameter {

        @Override
        public int type() {
            return OUTGOING_SSN_RESET_REQUEST;
        }

        @Override
        public int valueLength() {
            return 12 + 2 * streamIds.length;
        }

        @Override
        public void writeValue(byte[] buf, int off) {
            BigEndian.put32(buf, off, requestSequence);
            BigEndian.put32(buf, off + 4, responseSequence);
            BigEndian.put32(buf, off + 8, senderLastTsn);
            for (int i = 0; i < streamIds.length; i++) {
                BigEndian.put16(buf, off + 12 + 2 * i, streamIds[i]);
            }
        }
    }

    /** Re-configuration Response (RFC 6525 §4.4), without the optional TSN fields. */
    record Response(int responseSequence, int result) implements ReConfigParameter {

        static final int SUCCESS_NOTHING_TO_DO = 0;
        static final int SUCCESS_PERFORMED = 1;
        static final int DENIED = 2;
        static final int ERROR_BAD_SEQUENCE_NUMBER = 5;
        static final int IN_PROGRESS = 6;

        @Override
        public int type() {
            return RESPONSE;
        }

        @Override
        public int valueLength() {
            return 8;
        }

        @Override
        public void writeValue(byte[] buf, int off) {
            BigEndian.put32(buf, off, responseSequence);
            BigEndian.put32(buf, off + 4, result);
        }
    }

    /** Any other request (incoming SSN reset, SSN/TSN reset, add streams): only its sequence number matters. */
    record OtherRequest(int type, int requestSequence) implements ReConfigParameter {

        @Override
        public int valueLength() {
            return 4;
        }

        @Override
        public void writeValue(byte[] buf, int off) {
            BigEndian.put32(buf, off, requestSequence);
        }
    }
}
