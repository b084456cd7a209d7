package io.tributary.client.media.sfu;

import static io.tributary.client.media.sfu.Sfu.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.client.media.PeerOptions;
import io.tributary.client.media.receive.ReceivedStream;
import io.tributary.client.media.receive.ReceivedStreamStats;
import io.tributary.client.media.send.OpusOptions;
import io.tributary.client.media.send.Publication;
import io.tributary.client.media.send.Vp8Options;
import io.tributary.worker.consumer.Consumer;
import io.tributary.worker.dtls.DtlsTransport;
import io.tributary.worker.ice.StunMessage;
import io.tributary.worker.ortc.IceParameters;
import io.tributary.worker.ortc.TransportProtocol;
import io.tributary.worker.producer.Producer;
import io.tributary.worker.transport.webrtc.WebRtcTransport;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile input at a live SFU, over real sockets on loopback: while a publisher's Opus and VP8 flow
 * to a UDP and a TCP viewer, more than 200,000 garbage and mutated datagrams hit the WebRtcServer's
 * UDP port from unknown sockets and from tuples ICE validated (the publisher's own, through a relay
 * that also captured its real packets, and one validated at the viewer's transport), then TCP
 * connections send junk RFC 4571 frames and end abruptly. Afterwards the worker still answers, every
 * stream has kept flowing without a single lost or damaged packet, a new peer can join, nothing
 * hostile got a tuple validated, and the SFU counted what it dropped.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SfuHostileInputIT {

    private static final long MIC_SSRC = 1111;
    private static final long CAM_SSRC = 2222;
    private static final long SEED = 0x7121_2026L;
    private static final int UDP_DATAGRAMS = 204_800;
    /** The SFU's socket never holds more than this many of ours: a barrier follows every batch. */
    private static final int BATCH = 256;
    private static final long UDP_TIME_LIMIT_MS = 15_000;
    private static final int GARBAGE_CONNECTIONS = 12;

    private final Sfu sfu = new Sfu();
    private final List<AutoCloseable> sockets = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable socket : sockets) {
            socket.close();
        }
        sfu.close();
    }

    /** Who sends: a socket the SFU never saw, the publisher's validated tuple, one validated at the viewer. */
    enum Role { UNKNOWN, PUBLISHER_TUPLE, VIEWER_TUPLE }

    /**
     * What the SFU must do with each datagram, predicted with its demultiplexing rules (RFC 7983, STUN
     * by the ufrag of USERNAME or else by tuple, the rest by validated tuple): unroutable ones count as
     * unknown at the WebRtcServer; STUN that reaches a transport and anything from a validated tuple
     * that is neither STUN nor DTLS must be refused (ICE, SRTP) and count as dropped at that transport.
     * Only verbatim replays of the publisher's own checks may pass, so they are not predicted dropped.
     */
    static final class Expected {
        private final List<String> ufrags;
        private final List<byte[]> realChecks;
        long sent;
        long unknown;
        long routedStun;
        long zeroLength;
        /** Per transport (publisher, viewer, TCP viewer). */
        final long[] dtls = new long[3];
        final long[] dropped = new long[3];

        /** @param ufrags of the publisher's, the viewer's and the TCP viewer's transports, in that order */
        Expected(List<String> ufrags, List<byte[]> realChecks) {
            this.ufrags = ufrags;
            this.realChecks = realChecks;
        }

        /** Accounts one datagram; a zero-length one is only counted (a UDP stack may not deliver it). */
        void account(Role role, byte[] p, boolean countEmpty) {
            sent++;
            if (p.length == 0 && !countEmpty) {
                zeroLength++;
                return;
            }
            int transport = role == Role.PUBLISHER_TUPLE ? 0 : role == Role.VIEWER_TUPLE ? 1 : -1;
            if (StunMessage.isStun(p, 0, p.length)) {
                String ufrag = StunMessage.localUsernameFragment(p, 0, p.length);
                int target = ufrag != null ? ufrags.indexOf(ufrag) : transport;
                if (target < 0) {
                    unknown++;
                    return;
                }
                routedStun++;
                if (realChecks.stream().noneMatch(check -> java.util.Arrays.equals(check, p))) {
                    dropped[target]++;
                }
            } else if (transport < 0) {
                unknown++;
            } else if (DtlsTransport.isDtls(p, 0, p.length)) {
                dtls[transport]++;
            } else {
                dropped[transport]++;
            }
        }

        @Override
        public String toString() {
            return String.format("sent %d: %d unknown, %d STUN to transports, %d empty; to the publisher's, viewer's "
                    + "and TCP viewer's transports: DTLS %s, dropped %s", sent, unknown, routedStun, zeroLength,
                    java.util.Arrays.toString(dtls), java.util.Arrays.toString(dropped));
        }
    }

    /** The real packets the publisher sent, by kind, as the relay captured them. */
    record Captured(List<byte[]> rtp, List<byte[]> rtcp, List<byte[]> stun, List<byte[]> dtls) {
        static Captured from(UdpRelay relay) {
            Captured c = new Captured(relay.captured(UdpRelay.Kind.RTP), relay.captured(UdpRelay.Kind.RTCP),
                    relay.captured(UdpRelay.Kind.STUN), relay.captured(UdpRelay.Kind.DTLS));
            assertFalse(c.rtp.isEmpty() || c.rtcp.isEmpty() || c.stun.isEmpty() || c.dtls.isEmpty(),
                    "the relay captured no " + c);
            return c;
        }

        byte[] any(Random random, List<byte[]> kind) {
            return kind.get(random.nextInt(kind.size()));
        }

        byte[] media(Random random) {
            return any(random, random.nextInt(3) == 0 ? rtcp : rtp);
        }

        byte[] anything(Random random) {
            int k = random.nextInt(10);
            return any(random, k < 5 ? rtp : k < 7 ? rtcp : k < 9 ? stun : dtls);
        }

        @Override
        public String toString() {
            return "RTP " + rtp.size() + ", RTCP " + rtcp.size() + ", STUN " + stun.size() + ", DTLS " + dtls.size();
        }
    }

    @Test
    void hostileDatagramsAndTcpFramesLoseNoMediaAndAreCounted() throws Exception {
        InetSocketAddress sfuUdp = new InetSocketAddress("127.0.0.1", sfu.udpPort());
        UdpRelay relay = UdpRelay.start(sfuUdp);
        sockets.add(relay);

        // A session: the publisher (through the relay) sends Opus and VP8 to a UDP and a TCP viewer.
        Sfu.Peer publisher = sfu.connect(TransportProtocol.UDP, PeerOptions.defaults(), relay::rewrite);
        Publication mic = publisher.media().publishOpus(OpusOptions.of("0", MIC_SSRC));
        Publication cam = publisher.media().publishVp8(Vp8Options.single("1", CAM_SSRC, CAM_SSRC + 1));
        Producer audio = sfu.produce(publisher, mic);
        Producer video = sfu.produce(publisher, cam);
        Sfu.Peer viewer = sfu.connect(TransportProtocol.UDP);
        Sfu.Peer tcpViewer = sfu.connect(TransportProtocol.TCP);
        List<ReceivedStream> audioIn = new ArrayList<>();
        List<ReceivedStream> videoIn = new ArrayList<>();
        List<Long> ssrcs = new ArrayList<>(List.of(MIC_SSRC, CAM_SSRC, CAM_SSRC + 1));
        for (Sfu.Peer peer : List.of(viewer, tcpViewer)) {
            Consumer a = sfu.consume(peer, audio);
            Consumer v = sfu.consume(peer, video);
            audioIn.add(peer.media().receive(a.rtpParameters()));
            videoIn.add(peer.media().receive(v.rtpParameters()));
            ssrcs.add(a.rtpParameters().encodings().get(0).ssrc());
            ssrcs.add(v.rtpParameters().encodings().get(0).ssrc());
        }
        for (int i = 0; i < 2; i++) {
            join(audioIn.get(i).await(s -> s.packets() >= 25));
            join(videoIn.get(i).await(s -> s.frames() >= 10 && s.keyFrames() >= 1));
        }
        List<WebRtcTransport> transports = List.of(publisher.transport(), viewer.transport(), tcpViewer.transport());
        List<JsonNode> selectedBefore = new ArrayList<>();
        for (WebRtcTransport t : transports) {
            selectedBefore.add(Sfu.stats(t).get("iceSelectedTuple"));
        }
        IceParameters viewerIce = viewer.transport().iceParameters();
        String viewerUfrag = viewerIce.usernameFragment();
        List<String> ufrags = new ArrayList<>();
        List<IceParameters> ice = new ArrayList<>();
        for (WebRtcTransport t : transports) {
            ufrags.add(t.iceParameters().usernameFragment());
            ice.add(t.iceParameters());
        }

        // The hostile sockets: four unknown ones, one validated at the viewer's transport, one for barriers.
        List<DatagramSocket> unknown = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            unknown.add(udpSocket());
        }
        DatagramSocket viewerTuple = udpSocket();
        StunProbe.validate(viewerTuple, sfuUdp, viewerIce);
        DatagramSocket barrier = udpSocket();

        // Real packets to mutate and replay: SR/SDES come once a second, so wait for a couple.
        Sfu.eventually("the relay to capture RTP and RTCP", () -> relay.captured(UdpRelay.Kind.RTCP).size()
                + Math.min(1, relay.captured(UdpRelay.Kind.RTP).size() / 100), n -> n >= 3, 5000);
        Captured captured = Captured.from(relay);
        long unknownBefore = sfu.unknownPackets();
        long[] dropsBefore = new long[transports.size()];
        for (int i = 0; i < transports.size(); i++) {
            dropsBefore[i] = dropped(transports.get(i));
        }
        HostileDatagrams hostile = new HostileDatagrams(SEED, ice, ssrcs.stream().mapToInt(Long::intValue).toArray());
        Random random = hostile.random();
        Expected udp = new Expected(ufrags, captured.stun());

        // ---- UDP: at least 200,000 datagrams, a barrier after every batch so the SFU's queue stays short.
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(UDP_TIME_LIMIT_MS);
        while (udp.sent < UDP_DATAGRAMS && System.nanoTime() < deadline) {
            for (int i = 0; i < BATCH; i++) {
                int who = random.nextInt(100);
                Role role = who < 60 ? Role.UNKNOWN : who < 88 ? Role.PUBLISHER_TUPLE : Role.VIEWER_TUPLE;
                byte[] p = next(role, hostile, captured);
                switch (role) {
                    case UNKNOWN -> send(unknown.get(who & 3), p, sfuUdp);
                    case PUBLISHER_TUPLE -> relay.sendFromBack(p);
                    case VIEWER_TUPLE -> send(viewerTuple, p, sfuUdp);
                }
                udp.account(role, p, false);
            }
            StunProbe.barrier(barrier, sfuUdp, viewerUfrag);
        }
        long udpMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.printf("hostile UDP: %s in %d ms%n", udp, udpMillis);
        assertTrue(udp.sent >= 200_000, "only " + udp.sent + " datagrams within " + UDP_TIME_LIMIT_MS + " ms");

        // Every datagram before the last barrier was read: the unroutable ones were counted, exactly.
        long unknownAfterUdp = sfu.unknownPackets();
        long unknownDelta = unknownAfterUdp - unknownBefore;
        System.out.printf("unknownPackets: +%d after UDP%n", unknownDelta);
        assertTrue(unknownDelta >= udp.unknown && unknownDelta <= udp.unknown + udp.zeroLength,
                "unknownPackets grew by " + unknownDelta + ", expected " + udp.unknown + " (+ up to "
                        + udp.zeroLength + " empty datagrams)");

        // ---- TCP: junk frames on fresh connections, then a barrier, then an abrupt or odd end.
        int tcpPort = sfu.tcpPort();
        Expected tcp = new Expected(ufrags, captured.stun());
        int framesAfterBarriers = 0;
        for (int c = 0; c < GARBAGE_CONNECTIONS; c++) {
            Socket socket = tcpSocket(tcpPort);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 17);
            int frames = 20 + random.nextInt(180);
            for (int f = 0; f < frames; f++) {
                byte[] p = random.nextInt(20) == 0 ? new byte[0] : next(Role.UNKNOWN, hostile, captured);
                StunProbe.writeFrame(out, p);
                tcp.account(Role.UNKNOWN, p, true);
            }
            if (c % 3 == 0) {
                byte[] biggest = new byte[65535];
                random.nextBytes(biggest);
                biggest[0] = (byte) (64 + random.nextInt(64));
                StunProbe.writeFrame(out, biggest);
                tcp.account(Role.UNKNOWN, biggest, true);
            }
            out.flush();
            tcpBarrier(socket, viewerUfrag);
            framesAfterBarriers += endAbruptly(c, socket, out, random);
        }
        // One connection validated at the viewer's transport: its junk reaches DTLS and SRTP there.
        Expected tcpValidated = new Expected(ufrags, captured.stun());
        try (Socket socket = tcpSocket(tcpPort)) {
            byte[] tid = StunProbe.newTransactionId();
            assertEquals(0, StunProbe.exchange(socket,
                    StunProbe.request(tid, viewerUfrag + ":tcp-hostile", viewerIce.password(), false), tid));
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 17);
            for (int f = 0; f < 2000; f++) {
                byte[] p = next(Role.VIEWER_TUPLE, hostile, captured);
                StunProbe.writeFrame(out, p);
                tcpValidated.account(Role.VIEWER_TUPLE, p, true);
            }
            out.flush();
            tcpBarrier(socket, viewerUfrag);
            socket.setSoLinger(true, 0);
        }
        long unknownTcpDelta = sfu.unknownPackets() - unknownAfterUdp;
        System.out.printf("hostile TCP: %s, validated connection: %s, %d frames after barriers, unknown +%d%n", tcp,
                tcpValidated, framesAfterBarriers, unknownTcpDelta);
        long tcpUnknown = tcp.unknown + tcpValidated.unknown;
        assertTrue(unknownTcpDelta >= tcpUnknown && unknownTcpDelta <= tcpUnknown + framesAfterBarriers,
                "unknownPackets grew by " + unknownTcpDelta + " for TCP, expected " + tcpUnknown + " (+ up to "
                        + framesAfterBarriers + " frames sent after the barriers)");

        // ---- The worker still answers, nothing threw while handling a packet, and it counted what the
        // validated tuples sent.
        assertEquals("alive", Sfu.await(sfu.worker.loop().call(() -> "alive")));
        assertEquals(0, sfu.failedPackets(), "packets whose handling threw");
        for (int i = 0; i < transports.size(); i++) {
            long drops = dropped(transports.get(i)) - dropsBefore[i];
            long expected = udp.dropped[i] + tcp.dropped[i] + tcpValidated.dropped[i];
            System.out.printf("packetsDropped of transport %d: +%d (at least %d expected)%n", i, drops, expected);
            assertTrue(drops >= expected, "transport " + i + " counted " + drops + " drops, expected " + expected);
        }

        // ---- Nothing moved: same selected tuples, ICE completed, DTLS connected, and no hostile tuple
        // stayed valid (publisher 1, viewer 2 with the one validated on purpose, TCP viewer 1).
        for (int i = 0; i < transports.size(); i++) {
            JsonNode stats = Sfu.stats(transports.get(i));
            assertEquals("completed", stats.get("iceState").asText(), "iceState of transport " + i);
            assertEquals("connected", stats.get("dtlsState").asText(), "dtlsState of transport " + i);
            assertEquals(selectedBefore.get(i), stats.get("iceSelectedTuple"), "selected tuple of transport " + i);
        }
        Sfu.eventually("exactly the 4 tuples validated on purpose", () -> sfu.serverDump().get("tupleHashes").size(),
                n -> n == 4, 5000);
        for (Sfu.Peer peer : List.of(publisher, viewer, tcpViewer)) {
            assertFalse(peer.media().disconnected().isDone(), "a peer lost its connection");
        }

        // ---- The session kept flowing: 30 more frames, 50 more Opus packets, none lost or damaged, ever.
        for (int i = 0; i < 2; i++) {
            long frames = videoIn.get(i).stats().frames();
            long packets = audioIn.get(i).stats().packets();
            ReceivedStreamStats v = join(videoIn.get(i).await(s -> s.frames() >= frames + 30));
            ReceivedStreamStats a = join(audioIn.get(i).await(s -> s.packets() >= packets + 50));
            String who = i == 0 ? "UDP viewer" : "TCP viewer";
            assertTrue(v.complete(), who + " video lost or damaged packets: " + v);
            assertTrue(a.complete(), who + " audio lost or damaged packets: " + a);
            assertEquals(0, v.pictureIdJumps(), who + " picture ids jumped: " + v);
            assertEquals(CAM_SSRC, v.streamTag() & 0xffffffffL);
            assertEquals(MIC_SSRC, a.streamTag() & 0xffffffffL);
        }

        // ---- And a newcomer can still join and watch.
        Sfu.Peer late = sfu.connect(TransportProtocol.UDP);
        ReceivedStream lateVideo = late.media().receive(sfu.consume(late, video).rtpParameters());
        ReceivedStream lateAudio = late.media().receive(sfu.consume(late, audio).rtpParameters());
        ReceivedStreamStats lv = join(lateVideo.await(s -> s.frames() >= 30 && s.keyFrames() >= 1));
        ReceivedStreamStats la = join(lateAudio.await(s -> s.packets() >= 50));
        assertTrue(lv.complete() && la.complete(), "the late viewer lost packets: " + lv + " " + la);
    }

    /**
     * A peer that completed ICE, DTLS and SRTP, so its garbage authenticates and reaches RTP and RTCP
     * parsing, its own producers and consumers, and the publisher through key frame requests: 30,000
     * malformed RTP packets and 10,000 malformed RTCP compounds. Nothing may throw, the legit session
     * keeps flowing without loss, and the attacker's transport counts what it refused.
     */
    @Test
    void anAuthenticatedPeerSendingMalformedRtpAndRtcpBreaksNothing() throws Exception {
        InetSocketAddress sfuUdp = new InetSocketAddress("127.0.0.1", sfu.udpPort());
        Sfu.Peer publisher = sfu.connect(TransportProtocol.UDP);
        Publication mic = publisher.media().publishOpus(OpusOptions.of("0", MIC_SSRC));
        Publication cam = publisher.media().publishVp8(Vp8Options.single("1", CAM_SSRC, CAM_SSRC + 1));
        Producer audio = sfu.produce(publisher, mic);
        Producer video = sfu.produce(publisher, cam);
        Sfu.Peer viewer = sfu.connect(TransportProtocol.UDP);
        Consumer viewerAudio = sfu.consume(viewer, audio);
        Consumer viewerVideo = sfu.consume(viewer, video);
        ReceivedStream heard = viewer.media().receive(viewerAudio.rtpParameters());
        ReceivedStream seen = viewer.media().receive(viewerVideo.rtpParameters());

        // The attacker publishes (simulcast VP8 with RTX, Opus) and consumes the publisher; a victim watches it.
        Sfu.Peer attacker = sfu.connect(TransportProtocol.UDP);
        Publication attackerMic = attacker.media().publishOpus(OpusOptions.of("0", 5555));
        Publication attackerCam = attacker.media().publishVp8(Vp8Options.simulcast("1", 6000));
        Producer hostileAudio = sfu.produce(attacker, attackerMic);
        Producer hostileVideo = sfu.produce(attacker, attackerCam);
        Consumer attackerSees = sfu.consume(attacker, video);
        Consumer attackerHears = sfu.consume(attacker, audio);
        Sfu.Peer victim = sfu.connect(TransportProtocol.UDP);
        ReceivedStream victimSees = victim.media().receive(sfu.consume(victim, hostileVideo).rtpParameters());
        victim.media().receive(sfu.consume(victim, hostileAudio).rtpParameters());
        join(heard.await(st -> st.packets() >= 25));
        join(seen.await(st -> st.frames() >= 10 && st.keyFrames() >= 1));
        join(victimSees.firstPacket());

        List<Long> ssrcs = new ArrayList<>(List.of(5555L, MIC_SSRC, CAM_SSRC, CAM_SSRC + 1));
        for (int i = 0; i < 6; i++) {
            ssrcs.add(6000L + i);
        }
        ssrcs.add(attackerSees.rtpParameters().encodings().get(0).ssrc());
        ssrcs.add(attackerHears.rtpParameters().encodings().get(0).ssrc());
        int[] ssrcArray = ssrcs.stream().mapToInt(Long::intValue).toArray();
        int[] payloadTypes = {attackerMic.rtpParameters().codecs().get(0).payloadType(),
                attackerCam.rtpParameters().codecs().get(0).payloadType(),
                attackerCam.rtpParameters().codecs().get(1).payloadType(), 0, 127};
        HostileDatagrams hostile = new HostileDatagrams(SEED + 1, List.of(attacker.transport().iceParameters()),
                ssrcArray);
        DatagramSocket barrier = udpSocket();
        String attackerUfrag = attacker.transport().iceParameters().usernameFragment();
        long droppedBefore = dropped(attacker.transport());
        long plisBefore = cam.stream().stats().plisReceived() + cam.stream().stats().firsReceived();

        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(15);
        int rtpSent = 0;
        int rtcpSent = 0;
        int refusedBySrtp = 0;
        for (int batch = 0; batch < 160 && System.nanoTime() < deadline; batch++) {
            boolean rtcp = batch % 4 == 3;
            List<byte[]> packets = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                packets.add(rtcp ? hostile.plainRtcp(ssrcArray) : hostile.sanePlainRtp(ssrcArray, payloadTypes));
            }
            int accepted = join(attacker.media().sendRaw(packets, rtcp));
            refusedBySrtp += packets.size() - accepted;
            if (rtcp) {
                rtcpSent += accepted;
            } else {
                rtpSent += accepted;
            }
            StunProbe.barrier(barrier, sfuUdp, attackerUfrag);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        long drops = dropped(attacker.transport()) - droppedBefore;
        long plis = cam.stream().stats().plisReceived() + cam.stream().stats().firsReceived() - plisBefore;
        System.out.printf("authenticated garbage: %d RTP and %d RTCP protected and sent (%d refused by our own SRTP) "
                + "in %d ms; the attacker's transport dropped +%d; the publisher got %d PLI/FIR meanwhile%n",
                rtpSent, rtcpSent, refusedBySrtp, millis, drops, plis);
        assertTrue(rtpSent >= 25_000 && rtcpSent >= 9_000, "sent only " + rtpSent + " RTP and " + rtcpSent + " RTCP");

        assertEquals("alive", Sfu.await(sfu.worker.loop().call(() -> "alive")));
        assertEquals(0, sfu.failedPackets(), "packets whose handling threw");
        assertTrue(drops > 0, "the attacker's transport counted no drops");
        for (Sfu.Peer peer : List.of(publisher, viewer, attacker)) {
            JsonNode stats = Sfu.stats(peer.transport());
            assertEquals("completed", stats.get("iceState").asText());
            assertEquals("connected", stats.get("dtlsState").asText());
        }

        long frames = seen.stats().frames();
        long packets = heard.stats().packets();
        ReceivedStreamStats v = join(seen.await(st -> st.frames() >= frames + 30));
        ReceivedStreamStats a = join(heard.await(st -> st.packets() >= packets + 50));
        assertTrue(v.complete() && a.complete(), "the viewer lost or got damaged packets: " + v + " " + a);
        assertEquals(0, v.pictureIdJumps(), "picture ids jumped: " + v);

        Sfu.Peer late = sfu.connect(TransportProtocol.UDP);
        ReceivedStream lateVideo = late.media().receive(sfu.consume(late, video).rtpParameters());
        ReceivedStreamStats lv = join(lateVideo.await(st -> st.frames() >= 30 && st.keyFrames() >= 1));
        assertTrue(lv.complete(), "the late viewer lost packets: " + lv);
    }

    /** The next hostile datagram for a sender. */
    private static byte[] next(Role role, HostileDatagrams hostile, Captured captured) {
        Random random = hostile.random();
        int k = random.nextInt(100);
        return switch (role) {
            case UNKNOWN -> k < 25 ? hostile.stun() : k < 37 ? hostile.dtls() : k < 57 ? hostile.rtp()
                    : k < 67 ? hostile.rtcp() : k < 75 ? hostile.noise()
                    // real SRTP replayed verbatim from a tuple nobody validated
                    : k < 80 ? captured.media(random).clone()
                    : hostile.mutate(captured.anything(random), captured.anything(random));
            case PUBLISHER_TUPLE -> k < 30 ? hostile.mutate(captured.any(random, captured.rtp), captured.media(random))
                    : k < 40 ? hostile.mutate(captured.any(random, captured.rtcp), captured.media(random))
                    // verbatim replays: SRTP's replay protection must refuse them
                    : k < 48 ? captured.media(random).clone()
                    : k < 53 ? hostile.mutate(captured.any(random, captured.stun), captured.anything(random))
                    : k < 58 ? hostile.mutate(captured.any(random, captured.dtls), captured.anything(random))
                    : k < 60 ? captured.any(random, random.nextBoolean() ? captured.dtls : captured.stun).clone()
                    : k < 70 ? hostile.dtls() : k < 82 ? hostile.rtp() : k < 90 ? hostile.rtcp()
                    : k < 95 ? hostile.noise() : hostile.stun();
            case VIEWER_TUPLE -> k < 25 ? hostile.rtp() : k < 45 ? hostile.rtcp() : k < 60 ? hostile.dtls()
                    : k < 70 ? hostile.noise()
                    : k < 90 ? hostile.mutate(captured.media(random), captured.media(random))
                    : k < 95 ? captured.media(random).clone() : hostile.stun();
        };
    }

    /** Ends a garbage connection one of six ways; returns how many frames it sent after its barrier. */
    private static int endAbruptly(int style, Socket socket, OutputStream out, Random random) throws IOException {
        switch (style % 6) {
            case 0 -> socket.close();
            case 1 -> { // RST
                socket.setSoLinger(true, 0);
                socket.close();
            }
            case 2 -> { // a maximal length prefix and only part of the frame
                byte[] part = new byte[1000];
                random.nextBytes(part);
                out.write(0xFF);
                out.write(0xFF);
                out.write(part);
                out.flush();
                socket.close();
            }
            case 3 -> { // half a length prefix, then RST
                out.write(0x05);
                out.flush();
                socket.setSoLinger(true, 0);
                socket.close();
            }
            case 4 -> { // half-close: the SFU must close its side too
                socket.shutdownOutput();
                socket.setSoTimeout(5000);
                try {
                    int read = socket.getInputStream().read();
                    assertEquals(-1, read, "the SFU sent data after the peer half-closed");
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("the SFU kept a half-closed connection open");
                }
                socket.close();
            }
            default -> { // empty frames, then RST
                for (int i = 0; i < 5; i++) {
                    StunProbe.writeFrame(out, new byte[0]);
                }
                out.flush();
                socket.setSoLinger(true, 0);
                socket.close();
                return 5;
            }
        }
        return 0;
    }

    private static void tcpBarrier(Socket socket, String ufrag) throws IOException {
        byte[] tid = StunProbe.newTransactionId();
        assertEquals(401, StunProbe.exchange(socket, StunProbe.request(tid, ufrag + ":barrier", "wrong", false), tid),
                "the barrier check on TCP");
    }

    /** The transport's {@code packetsDropped}: what failed ICE, DTLS or SRTP, or was not RTP/RTCP. */
    private static long dropped(WebRtcTransport transport) {
        return Sfu.stats(transport).get("packetsDropped").asLong();
    }

    private DatagramSocket udpSocket() throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        sockets.add(socket);
        return socket;
    }

    private Socket tcpSocket(int port) throws IOException {
        Socket socket = new Socket();
        sockets.add(socket);
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return socket;
    }

    private static void send(DatagramSocket socket, byte[] p, InetSocketAddress to) throws IOException {
        socket.send(new DatagramPacket(p, p.length, to));
    }
}
