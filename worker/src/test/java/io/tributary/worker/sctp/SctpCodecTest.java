package io.tributary.worker.sctp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.worker.rtp.BigEndian;
import io.tributary.worker.sctp.ReConfigParameter.OtherRequest;
import io.tributary.worker.sctp.ReConfigParameter.OutgoingSsnResetRequest;
import io.tributary.worker.sctp.ReConfigParameter.Response;
import io.tributary.worker.testing.Hex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SctpCodecTest {

    private final Crc32c crc = new Crc32c();

    private SctpPacket roundTrip(Chunk chunk) {
        List<byte[]> packets = Packets.write(0x01020304, chunk);
        assertEquals(1, packets.size());
        byte[] packet = packets.get(0);
        assertEquals(0, packet.length % 4, "chunks are padded");
        SctpPacket parsed = SctpPacket.parse(packet, 0, packet.length, crc);
        assertNotNull(parsed);
        assertEquals(5000, parsed.sourcePort());
        assertEquals(5000, parsed.destinationPort());
        assertEquals(0x01020304, parsed.verificationTag());
        assertEquals(1, parsed.chunks().size());
        return parsed;
    }

    private <T extends Chunk> T roundTripChunk(T chunk, Class<T> type) {
        return assertInstanceOf(type, roundTrip(chunk).chunks().get(0));
    }

    @Test
    void crc32cMatchesTheIscsiVectorsAndIsStoredLeastSignificantByteFirst() {
        byte[] zeros = new byte[32];
        byte[] ones = new byte[32];
        byte[] up = new byte[32];
        byte[] down = new byte[32];
        Arrays.fill(ones, (byte) 0xFF);
        for (int i = 0; i < 32; i++) {
            up[i] = (byte) i;
            down[i] = (byte) (31 - i);
        }
        assertEquals(0x8A9136AA, crc.compute(zeros, 0, 32));
        assertEquals(0x62A8AB43, crc.compute(ones, 0, 32));
        assertEquals(0x46DD794E, crc.compute(up, 0, 32));
        assertEquals(0x113FDB5C, crc.compute(down, 0, 32));
        byte[] packet = new byte[32];
        crc.stamp(packet, 0, 32);
        assertEquals("aa36918a", Hex.string(packet, 8, 4), "the checksum of an all-zero packet, as on the wire");
        assertTrue(crc.verify(packet, 0, 32));
        packet[20] = 1;
        assertFalse(crc.verify(packet, 0, 32));
    }

    @Test
    void dataRoundTrips() {
        byte[] body = {9, 8, 7, 6, 5};
        DataChunk in = new DataChunk(DataChunk.FLAG_BEGINNING | DataChunk.FLAG_UNORDERED, 0xFFFFFFF0, 65535, 65534,
                51, new byte[] {0, 9, 8, 7, 6, 5, 0}, 1, 5);
        DataChunk out = roundTripChunk(in, DataChunk.class);
        assertEquals(in.flags(), out.flags());
        assertEquals(in.tsn(), out.tsn());
        assertEquals(65535, out.streamId());
        assertEquals(65534, out.ssn());
        assertEquals(51, out.ppid());
        assertArrayEquals(body, Arrays.copyOfRange(out.data(), out.dataOffset(), out.dataOffset() + out.dataLength()));
        assertTrue(out.beginning());
        assertFalse(out.ending());
        assertTrue(out.unordered());
    }

    @Test
    void initAndInitAckRoundTripWithExtensionsAndCookie() {
        InitChunk init = new InitChunk(false, 0xCAFEBABE, 1 << 20, 1024, 2048, 0x7FFFFFFF, true, true, null, List.of());
        InitChunk back = roundTripChunk(init, InitChunk.class);
        assertEquals(init.initiateTag(), back.initiateTag());
        assertEquals(1 << 20, back.advertisedWindow());
        assertEquals(1024, back.outboundStreams());
        assertEquals(2048, back.inboundStreams());
        assertEquals(0x7FFFFFFF, back.initialTsn());
        assertTrue(back.forwardTsn());
        assertTrue(back.reconfig());
        assertNull(back.cookie());
        byte[] report = Hex.bytes("c0 99 00 05 01 00 00 00");
        InitChunk ack = new InitChunk(true, 7, 1000, 1, 1, 9, true, false, new byte[] {1, 2, 3}, List.of(report));
        InitChunk ackBack = roundTripChunk(ack, InitChunk.class);
        assertTrue(ackBack.ack());
        assertArrayEquals(new byte[] {1, 2, 3}, ackBack.cookie());
        assertTrue(ackBack.forwardTsn());
        assertFalse(ackBack.reconfig());
        assertEquals(List.of(), ackBack.unrecognized(), "an INIT ACK's unrecognized parameter reports are read, not echoed");
    }

    @Test
    void initParametersFollowTheUnknownParameterRules() {
        // fixed part, then: 0x8123 skip; 0xC124 skip and report; 0x4125 stop and report; 0xC000 is after the stop
        byte[] value = Hex.bytes("00000001 00010000 0001 0001 00000001"
                + "8123 0005 01 000000" + "c124 0006 0203 0000" + "4125 0004" + "c000 0004");
        InitChunk init = (InitChunk) ChunkType.decode(ChunkType.INIT, 0, value, 0, value.length);
        assertNotNull(init);
        assertFalse(init.forwardTsn(), "parameters after a stop are not processed");
        assertEquals(2, init.unrecognized().size());
        assertEquals("c1240006 0203", Hex.string(init.unrecognized().get(0), 0, 6).replaceFirst("(.{8})", "$1 "));
        assertEquals("41250004", Hex.string(init.unrecognized().get(1), 0, 4));
        byte[] badLength = Hex.bytes("00000001 00010000 0001 0001 00000001 c000 0009");
        assertNull(ChunkType.decode(ChunkType.INIT, 0, badLength, 0, badLength.length));
        byte[] trailing = Hex.bytes("00000001 00010000 0001 0001 00000001 c000");
        assertNull(ChunkType.decode(ChunkType.INIT, 0, trailing, 0, trailing.length));
    }

    @Test
    void sackRoundTripsWithGapsAndDuplicates() {
        SackChunk sack = new SackChunk(0xFFFFFFFF, 123_456, new int[] {2, 3, 5, 9}, new int[] {17, -2});
        SackChunk back = roundTripChunk(sack, SackChunk.class);
        assertEquals(0xFFFFFFFF, back.cumulativeTsnAck());
        assertEquals(123_456, back.advertisedWindow());
        assertArrayEquals(new int[] {2, 3, 5, 9}, back.gapBlocks());
        assertArrayEquals(new int[] {17, -2}, back.duplicateTsns());
    }

    @Test
    void opaqueChunksRoundTrip() {
        int[] types = {ChunkType.HEARTBEAT, ChunkType.HEARTBEAT_ACK, ChunkType.ABORT, ChunkType.ERROR,
            ChunkType.COOKIE_ECHO, ChunkType.SHUTDOWN_ACK, ChunkType.COOKIE_ACK, ChunkType.SHUTDOWN_COMPLETE, 0x3F, 0xFE};
        for (int type : types) {
            byte[] value = type == ChunkType.SHUTDOWN_ACK || type == ChunkType.COOKIE_ACK
                    || type == ChunkType.SHUTDOWN_COMPLETE ? new byte[0] : new byte[] {1, 2, 3, 4, 5};
            OpaqueChunk back = roundTripChunk(new OpaqueChunk(type, 1, value), OpaqueChunk.class);
            assertEquals(type, back.type());
            assertEquals(1, back.flags());
            assertArrayEquals(value, back.value());
        }
        assertTrue(new OpaqueChunk(ChunkType.ABORT, 1, new byte[0]).tagReflected());
        OpaqueChunk unknown = new OpaqueChunk(0xC5, 3, new byte[] {7});
        assertTrue(unknown.skipAndContinue());
        assertTrue(unknown.report());
        assertEquals("c5030005 07", Hex.string(unknown.encoded(), 0, 5).replaceFirst("(.{8})", "$1 "));
        assertEquals(42, roundTripChunk(new ShutdownChunk(42), ShutdownChunk.class).cumulativeTsnAck());
    }

    @Test
    void forwardTsnRoundTrips() {
        ForwardTsnChunk back = roundTripChunk(new ForwardTsnChunk(99, new int[] {1, 65535}, new int[] {5, 0}),
                ForwardTsnChunk.class);
        assertEquals(99, back.newCumulativeTsn());
        assertArrayEquals(new int[] {1, 65535}, back.streamIds());
        assertArrayEquals(new int[] {5, 0}, back.ssns());
    }

    @Test
    void reConfigRoundTripsRequestsAndResponses() {
        ReConfigChunk in = new ReConfigChunk(List.of(new OutgoingSsnResetRequest(10, 20, 30, new int[] {1, 2, 3}),
                new Response(11, Response.IN_PROGRESS)));
        ReConfigChunk back = roundTripChunk(in, ReConfigChunk.class);
        OutgoingSsnResetRequest request = (OutgoingSsnResetRequest) back.parameters().get(0);
        assertEquals(10, request.requestSequence());
        assertEquals(20, request.responseSequence());
        assertEquals(30, request.senderLastTsn());
        assertArrayEquals(new int[] {1, 2, 3}, request.streamIds());
        assertEquals(new Response(11, Response.IN_PROGRESS), back.parameters().get(1));
        ReConfigChunk other = roundTripChunk(new ReConfigChunk(List.of(new OtherRequest(17, 5))), ReConfigChunk.class);
        assertEquals(new OtherRequest(17, 5), other.parameters().get(0));
    }

    @Test
    void chunksAreBundledUpToTheMtu() {
        DataChunk big = new DataChunk(3, 1, 0, 0, 53, new byte[1000], 0, 1000);
        List<byte[]> packets = Packets.write(1, new SackChunk(1, 1, new int[0], new int[0]), big, big);
        assertEquals(2, packets.size());
        assertEquals(12 + 16 + 1016, packets.get(0).length);
        assertTrue(packets.get(1).length <= SctpOptions.MTU);
    }

    @Test
    void malformedPacketsAreRejected() {
        byte[] good = Packets.write(5, new SackChunk(1, 1, new int[0], new int[0])).get(0);
        assertNotNull(SctpPacket.parse(good, 0, good.length, crc));
        List<byte[]> bad = new ArrayList<>();
        bad.add(Arrays.copyOf(good, 12));
        bad.add(Arrays.copyOf(good, 15));
        byte[] badCrc = good.clone();
        badCrc[9] ^= 1;
        bad.add(badCrc);
        bad.add(restamp(good, p -> BigEndian.put16(p, 14, 3)));
        bad.add(restamp(good, p -> BigEndian.put16(p, 14, 200)));
        bad.add(restamp(good, p -> BigEndian.put16(p, 12 + 4 + 8, 1)));
        bad.add(restamp(Arrays.copyOf(good, good.length + 2), p -> { }));
        bad.add(restamp(Hex.bytes("13881388 00000005 00000000 00000010 00000001 00000000 0000 0000"), p -> { }));
        bad.add(restamp(Hex.bytes("13881388 00000005 00000000 c0000006 00000001 0000"), p -> { }));
        bad.add(restamp(Hex.bytes("13881388 00000005 00000000 0a000004"), p -> { }));
        bad.add(restamp(Hex.bytes("13881388 00000005 00000000 07000005 00000000"), p -> { }));
        bad.add(restamp(Hex.bytes("13881388 00000005 00000000 82000008 000d0004"), p -> { }));
        for (byte[] packet : bad) {
            assertNull(SctpPacket.parse(packet, 0, packet.length, crc), Hex.string(packet, 0, packet.length));
        }
        assertNull(SctpPacket.parse(good, 4, good.length, crc), "out of the array's bounds");
        assertNull(SctpPacket.parse(null, 0, 20, crc));
    }

    private byte[] restamp(byte[] packet, java.util.function.Consumer<byte[]> edit) {
        byte[] copy = packet.clone();
        edit.accept(copy);
        crc.stamp(copy, 0, copy.length);
        return copy;
    }

    @Test
    void stateCookiesAreAuthenticatedAndExpire() {
        StateCookie.Codec codec = new StateCookie.Codec();
        StateCookie cookie = new StateCookie(1, 2, 3, 4, 5, 6, true, false, 1_000);
        byte[] encoded = codec.encode(cookie);
        assertEquals(cookie, codec.decode(encoded, 2_000));
        assertNull(codec.decode(encoded, 1_000 + StateCookie.LIFETIME_MILLIS + 1), "stale");
        encoded[3] ^= 1;
        assertNull(codec.decode(encoded, 2_000), "tampered");
        assertNull(new StateCookie.Codec().decode(codec.encode(cookie), 2_000), "another association's secret");
        assertNull(codec.decode(new byte[5], 2_000));
    }
}
