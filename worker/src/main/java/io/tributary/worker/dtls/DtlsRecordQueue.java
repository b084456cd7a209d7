package io.tributary.worker.dtls;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.TlsTimeoutException;

/**
 * The datagram side BouncyCastle's blocking DTLS sees: records the demux pushes are queued here and
 * taken by {@link #receive}, records DTLS produces go straight to the caller's sender.
 *
 * <p>During the handshake {@link #receive} blocks (honouring BouncyCastle's retransmission waits and
 * the handshake deadline). Afterwards the queue is drained inline by the thread that fed it: an empty
 * queue then ends BouncyCastle's receive loop with {@link #DRAINED} instead of blocking.
 */
final class DtlsRecordQueue implements DatagramTransport {

    /** BouncyCastle passes InterruptedIOException through without failing the connection. */
    static final class Drained extends InterruptedIOException {
        Drained() {
            super("no queued DTLS record");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    static final Drained DRAINED = new Drained();

    /** DTLS records are at most 2^14 bytes of plaintext plus expansion; browsers send far less. */
    private static final int RECEIVE_LIMIT = 1 << 14;
    private static final byte[] CLOSED_MARKER = new byte[0];

    private final ArrayBlockingQueue<byte[]> records;
    private final DtlsTransport.Sender sender;
    private final int sendLimit;
    private volatile boolean inline;
    private volatile boolean closed;
    private volatile long deadlineNanos = Long.MAX_VALUE;

    DtlsRecordQueue(int capacity, int mtu, DtlsTransport.Sender sender) {
        this.records = new ArrayBlockingQueue<>(capacity);
        this.sendLimit = mtu;
        this.sender = sender;
    }

    /** Copies and queues a datagram; false when full or closed (DTLS recovers from the loss). */
    boolean offer(byte[] buf, int off, int len) {
        return !closed && records.offer(Arrays.copyOfRange(buf, off, off + len));
    }

    void clear() {
        records.clear();
    }

    void handshakeDeadline(long nanoTime) {
        deadlineNanos = nanoTime;
    }

    /** Switches to non-blocking draining once the handshake is over. */
    void goInline() {
        deadlineNanos = Long.MAX_VALUE;
        inline = true;
    }

    boolean isInline() {
        return inline;
    }

    @Override
    public int getReceiveLimit() {
        return RECEIVE_LIMIT;
    }

    @Override
    public int getSendLimit() {
        return sendLimit;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        if (closed) {
            throw new IOException("DTLS transport closed");
        }
        if (inline) {
            byte[] record = records.poll();
            if (record == null) {
                throw DRAINED;
            }
            return copy(record, buf, off, len);
        }
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            throw new TlsTimeoutException("DTLS handshake timed out");
        }
        // BouncyCastle: 0 means wait forever, otherwise wake up for its retransmission timer.
        long wait = waitMillis == 0 ? remaining : Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(waitMillis));
        byte[] record;
        try {
            record = records.poll(wait, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("DTLS handshake interrupted", e);
        }
        if (record == CLOSED_MARKER || closed) {
            throw new IOException("DTLS transport closed");
        }
        return record == null ? -1 : copy(record, buf, off, len);
    }

    private static int copy(byte[] record, byte[] buf, int off, int len) {
        int n = Math.min(record.length, len);
        System.arraycopy(record, 0, buf, off, n);
        return n;
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        if (closed) {
            return;
        }
        try {
            sender.send(buf, off, len);
        } catch (RuntimeException e) {
            throw new IOException("DTLS sender failed", e);
        }
    }

    /** Wakes a blocked handshake so it fails promptly. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            records.clear();
            records.offer(CLOSED_MARKER);
        }
    }
}
