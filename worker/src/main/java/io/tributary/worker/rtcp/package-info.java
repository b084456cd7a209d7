/**
 * RTCP codecs (RFC 3550, RFC 4585, RFC 5104, RFC 5506, REMB and transport-cc drafts).
 *
 * <p>{@link io.tributary.worker.rtcp.RtcpCompoundIterator} frames a compound packet; each packet
 * type has a reusable view with {@code wrap(buf, off, len)} (false when malformed) and static
 * writers. {@link io.tributary.worker.rtcp.RtcpCompoundWriter} assembles outgoing compound or
 * reduced-size packets into a caller buffer. Same conventions as {@link io.tributary.worker.rtp}.
 */
package io.tributary.worker.rtcp;
