/**
 * Per-stream state of the media engine, the counterparts of mediasoup's worker classes: a
 * producer's received streams ({@link io.tributary.worker.rtp.stream.RtpStreamRecv} with its
 * {@link io.tributary.worker.rtp.stream.NackGenerator}), a consumer's sent streams
 * ({@link io.tributary.worker.rtp.stream.RtpStreamSend} with its
 * {@link io.tributary.worker.rtp.stream.RtpRetransmissionBuffer}), key frame request throttling,
 * sequence number rewriting ({@link io.tributary.worker.rtp.stream.SeqManager}), scores and stats.
 *
 * <p>Everything here is single-threaded (owned by one worker event loop) and passive: time comes
 * in as {@code long nowMs} arguments and timers run when the owner calls {@code onTimer(nowMs)},
 * so tests never sleep. Outputs go to small listener interfaces; arrays and packet views passed
 * to listeners are reused. Per-packet methods allocate nothing in steady state; stats and dumps
 * (control path) build immutable records that serialize with Jackson to mediasoup's JSON.
 */
package io.tributary.worker.rtp.stream;
