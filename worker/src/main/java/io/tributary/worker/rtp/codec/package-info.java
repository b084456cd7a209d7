/**
 * Payload descriptors of the video codecs the SFU must understand to switch layers and detect
 * key frames: VP8 (RFC 7741), VP9 (RFC 9628) and H.264 (RFC 6184). Same conventions as
 * {@link io.tributary.worker.rtp}: reusable views over the RTP payload, in-place rewrites.
 */
package io.tributary.worker.rtp.codec;
