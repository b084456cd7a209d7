/**
 * mediasoup 3.14's ORTC layer: the RTP/SCTP/DTLS/ICE value types as they travel in JSON, their
 * validation from raw signaling JSON, and the capability algorithms (router capabilities,
 * producer mapping, consumable, consumer and pipe consumer parameters). {@link
 * io.tributary.worker.ortc.Ortc} is the entry point; the other classes are the records it
 * accepts and returns.
 */
package io.tributary.worker.ortc;
