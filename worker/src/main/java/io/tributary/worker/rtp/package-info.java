/**
 * RTP packet codecs for the media path (RFC 3550, RFC 8285, RFC 4588).
 *
 * <p>Packets live in a {@code byte[]} with an offset and a length. Parsers are reusable views:
 * {@code wrap(buf, off, len)} validates without allocating and returns false on malformed input;
 * getters and setters then work on the bytes in place, and are only meaningful after a
 * successful wrap. Writers take a destination array and offset and return the number of bytes
 * written, or -1 when it does not fit. Nothing here logs, throws on bad input or allocates per
 * packet. Views are not thread safe: keep one per worker thread.
 */
package io.tributary.worker.rtp;
