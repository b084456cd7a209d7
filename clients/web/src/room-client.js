// One room session: protoo signaling plus mediasoup-client media, speaking the mediasoup-demo
// room protocol (getRouterRtpCapabilities, createWebRtcTransport, join, produce, newConsumer...).
import { Device } from 'mediasoup-client';
import { Peer as ProtooPeer, WebSocketTransport } from 'protoo-client';
import { deviceInfo } from './device-info.js';
import { RoomData } from './room-data.js';

const MIC_CODEC_OPTIONS = { opusStereo: true, opusDtx: true, opusFec: true, opusNack: true };
const VIDEO_CODEC_OPTIONS = { videoGoogleStartBitrate: 1000 };
// Low to high, as the demo sends them: the SFU forwards one of the three per consumer.
const SIMULCAST_ENCODINGS = [
  { scaleResolutionDownBy: 4, maxBitrate: 500000, scalabilityMode: 'L1T3' },
  { scaleResolutionDownBy: 2, maxBitrate: 1000000, scalabilityMode: 'L1T3' },
  { scaleResolutionDownBy: 1, maxBitrate: 5000000, scalabilityMode: 'L1T3' },
];
const SVC_ENCODINGS = [{ maxBitrate: 5000000, scalabilityMode: 'L3T3_KEY' }];
const MAX_ERRORS = 20;

export class RoomClient extends EventTarget {
  /**
   * @param {object} options roomId, peerId, displayName, forceTcp, produce, consume, simulcast,
   *   datachannel, and url: the protoo WebSocket URL.
   */
  constructor(options) {
    super();
    this.options = options;
    this.displayName = options.displayName;
    this.connection = 'new';
    this.joined = false;
    this.serverVersion = null;
    this.activeSpeakerId = null;
    this.speakersSeen = new Set(); // every peerId announced as activeSpeaker, for tests and the stats panel
    this.device = null;
    this.sendTransport = null;
    this.recvTransport = null;
    this.producers = new Map(); // source ('mic' | 'webcam' | 'share') -> { producer, source, score }
    this.peers = new Map(); // peerId -> { id, displayName, device }
    this.consumers = new Map(); // consumerId -> { consumer, peerId, share, remotePaused, score, layers }
    this.data = new RoomData(this);
    this.received = {}; // notification/request method -> count, for tests and the curious
    this.errors = [];
    // What the user asked for, so a reconnect brings the same media back.
    this.wants = { mic: options.produce, webcam: options.produce, micMuted: false };
    this.starting = new Set();
    // Bumped on every (re)join and teardown: work started by an older session drops its results.
    this.session = 0;
  }

  start() {
    this.protoo = new ProtooPeer(new WebSocketTransport(this.options.url));
    this.setConnection('connecting');
    this.protoo.on('open', () => this.joinRoom().catch((e) => this.fail('join', e)));
    this.protoo.on('failed', () => this.setConnection('connecting'));
    this.protoo.on('disconnected', () => {
      // protoo-client reconnects by itself; the next 'open' joins again with a fresh Device.
      this.teardown();
      this.setConnection('reconnecting');
    });
    this.protoo.on('close', () => {
      this.teardown();
      this.setConnection('closed');
    });
    this.protoo.on('request', (request, accept, reject) => this.onRequest(request, accept, reject));
    this.protoo.on('notification', (notification) => this.onNotification(notification));
  }

  close() {
    this.protoo?.close();
  }

  // ---- join and teardown ----

  async joinRoom() {
    const session = ++this.session;
    this.setConnection('open');
    const { produce, consume } = this.options;
    const device = await Device.factory();
    const routerRtpCapabilities = await this.request('getRouterRtpCapabilities');
    await device.load({ routerRtpCapabilities });
    if (session !== this.session) return;
    this.device = device;
    if (produce) this.sendTransport = await this.createTransport('send', session);
    if (consume) this.recvTransport = await this.createTransport('recv', session);
    if (session !== this.session) return;
    const { peers } = await this.request('join', {
      displayName: this.displayName,
      device: deviceInfo(),
      rtpCapabilities: consume ? device.rtpCapabilities : undefined,
      sctpCapabilities: this.sctpCapabilities(),
    });
    if (session !== this.session) return;
    for (const peer of peers) this.peers.set(peer.id, { ...peer });
    this.joined = true;
    this.changed();
    if (!produce) return;
    if (this.options.datachannel) await this.data.produce(this.sendTransport).catch((e) => this.fail('data', e));
    if (this.wants.mic) await this.enableMic().catch((e) => this.fail('mic', e));
    if (this.wants.webcam) await this.enableWebcam().catch((e) => this.fail('webcam', e));
  }

  async createTransport(direction, session) {
    const info = await this.request('createWebRtcTransport', {
      forceTcp: this.options.forceTcp,
      producing: direction === 'send',
      consuming: direction === 'recv',
      sctpCapabilities: this.sctpCapabilities(),
    });
    const options = {
      id: info.id,
      iceParameters: info.iceParameters,
      iceCandidates: info.iceCandidates,
      // 'auto' lets the browser take the DTLS client role, as the demo does.
      dtlsParameters: { ...info.dtlsParameters, role: 'auto' },
      sctpParameters: info.sctpParameters,
      iceServers: [],
    };
    const transport = direction === 'send'
      ? this.device.createSendTransport(options)
      : this.device.createRecvTransport(options);
    if (session !== this.session) {
      transport.close();
      return null;
    }
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      this.request('connectWebRtcTransport', { transportId: transport.id, dtlsParameters })
        .then(callback, errback);
    });
    transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
      this.request('produce', { transportId: transport.id, kind, rtpParameters, appData })
        .then(({ id }) => callback({ id }), errback);
    });
    transport.on('producedata', ({ sctpStreamParameters, label, protocol, appData }, callback, errback) => {
      this.request('produceData', { transportId: transport.id, sctpStreamParameters, label, protocol, appData })
        .then(({ id }) => callback({ id }), errback);
    });
    transport.on('connectionstatechange', () => this.changed());
    return transport;
  }

  /** Drops everything tied to the signaling session; closing a transport closes its producers and consumers. */
  teardown() {
    this.session++;
    this.sendTransport?.close();
    this.recvTransport?.close();
    this.sendTransport = null;
    this.recvTransport = null;
    for (const { producer } of this.producers.values()) producer.close();
    for (const { consumer } of this.consumers.values()) consumer.close();
    this.producers.clear();
    this.consumers.clear();
    this.data.reset();
    this.peers.clear();
    this.joined = false;
    this.activeSpeakerId = null;
    this.changed();
  }

  // ---- own media ----

  canProduce(kind) {
    return Boolean(this.joined && this.sendTransport && this.device.canProduce(kind));
  }

  async enableMic() {
    this.wants.mic = true;
    if (!this.canProduce('audio')) return;
    const track = await this.capture('mic', () => navigator.mediaDevices.getUserMedia({ audio: true }));
    if (!track) return;
    await this.produce('mic', track, { codecOptions: MIC_CODEC_OPTIONS });
    if (this.wants.micMuted) await this.muteMic();
  }

  async disableMic() {
    this.wants.mic = false;
    await this.closeProducer('mic');
  }

  async muteMic() {
    this.wants.micMuted = true;
    const entry = this.producers.get('mic');
    if (!entry || entry.producer.paused) return;
    entry.producer.pause();
    this.changed();
    await this.request('pauseProducer', { producerId: entry.producer.id });
  }

  async unmuteMic() {
    this.wants.micMuted = false;
    const entry = this.producers.get('mic');
    if (!entry || !entry.producer.paused) return;
    entry.producer.resume();
    this.changed();
    await this.request('resumeProducer', { producerId: entry.producer.id });
  }

  async enableWebcam() {
    this.wants.webcam = true;
    if (!this.canProduce('video')) return;
    const track = await this.capture('webcam', () => navigator.mediaDevices.getUserMedia({
      video: { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 30 } },
    }));
    if (!track) return;
    await this.produce('webcam', track, { encodings: this.webcamEncodings(), codecOptions: VIDEO_CODEC_OPTIONS });
  }

  async disableWebcam() {
    this.wants.webcam = false;
    await this.closeProducer('webcam');
  }

  async enableShare() {
    if (!this.canProduce('video')) return;
    const track = await this.capture('share', () => navigator.mediaDevices.getDisplayMedia({
      audio: false,
      video: { frameRate: { max: 30 } },
    }));
    if (!track) return;
    await this.produce('share', track, {
      encodings: [{ maxBitrate: 1500000 }],
      codecOptions: VIDEO_CODEC_OPTIONS,
      appData: { share: true },
    });
  }

  async disableShare() {
    await this.closeProducer('share');
  }

  /** Simulcast for VP8/H264, SVC for VP9, as the demo; the first video codec is what the browser will send. */
  webcamEncodings() {
    if (!this.options.simulcast) return undefined;
    const codec = this.device.sendRtpCapabilities.codecs
      .find((c) => c.kind === 'video' && !/\/rtx$/i.test(c.mimeType));
    const mimeType = codec?.mimeType.toLowerCase();
    if (mimeType === 'video/vp9') return SVC_ENCODINGS;
    if (mimeType === 'video/vp8' || mimeType === 'video/h264') return SIMULCAST_ENCODINGS;
    return undefined;
  }

  /** Runs getUserMedia/getDisplayMedia once per source at a time; answers the track, or null if one exists. */
  async capture(source, getMedia) {
    if (this.producers.has(source) || this.starting.has(source)) return null;
    this.starting.add(source);
    try {
      const stream = await getMedia();
      return stream.getTracks()[0];
    } finally {
      this.starting.delete(source);
    }
  }

  async produce(source, track, options) {
    const session = this.session;
    this.starting.add(source);
    let producer;
    try {
      producer = await this.sendTransport.produce({ track, appData: {}, ...options });
    } catch (error) {
      track.stop();
      throw error;
    } finally {
      this.starting.delete(source);
    }
    if (session !== this.session) {
      producer.close();
      return;
    }
    this.producers.set(source, { producer, source, score: null });
    producer.on('transportclose', () => this.producers.delete(source));
    // The user stopped a screen share from the browser's own bar, or a device went away.
    producer.on('trackended', () => this.closeProducer(source).catch((e) => this.fail(source, e)));
    this.changed();
  }

  async closeProducer(source) {
    const entry = this.producers.get(source);
    if (!entry) return;
    this.producers.delete(source);
    entry.producer.close();
    this.changed();
    await this.request('closeProducer', { producerId: entry.producer.id });
  }

  async changeDisplayName(displayName) {
    await this.request('changeDisplayName', { displayName });
    this.displayName = displayName;
    this.changed();
  }

  // ---- server requests and notifications ----

  onRequest(request, accept, reject) {
    this.count(request.method);
    switch (request.method) {
      case 'newConsumer':
        this.onNewConsumer(request.data, accept, reject);
        break;
      case 'newDataConsumer':
        if (!this.options.datachannel) reject(403, 'I do not want DataChannels');
        else if (!this.options.consume || !this.recvTransport) reject(403, 'I do not want to data consume');
        else this.data.consume(this.recvTransport, request.data, accept, reject);
        break;
      default:
        reject(500, `unknown request.method "${request.method}"`);
    }
  }

  async onNewConsumer(data, accept, reject) {
    if (!this.options.consume || !this.recvTransport) {
      reject(403, 'I do not want to consume');
      return;
    }
    const { peerId, producerId, id, kind, rtpParameters, appData = {}, producerPaused } = data;
    const session = this.session;
    let consumer;
    try {
      consumer = await this.recvTransport.consume({
        id, producerId, kind, rtpParameters,
        // One stream per peer and source lets the browser lip-sync that peer's audio and video.
        streamId: `${peerId}-${appData.share ? 'share' : 'mic-webcam'}`,
        appData: { ...appData, peerId },
      });
    } catch (error) {
      // Unlike the demo, answer: the server would otherwise wait for its request timeout.
      this.fail('consume', error);
      reject(500, String(error));
      return;
    }
    if (session !== this.session) {
      consumer.close();
      reject(500, 'session ended');
      return;
    }
    this.consumers.set(id, {
      consumer, peerId, share: Boolean(appData.share), remotePaused: Boolean(producerPaused), score: null, layers: null,
    });
    consumer.on('transportclose', () => this.consumers.delete(id));
    // The server resumes its paused consumer when this answer arrives (and asks for a key frame).
    accept();
    this.changed();
  }

  onNotification({ method, data }) {
    this.count(method);
    switch (method) {
      case 'mediasoup-version':
        this.serverVersion = data.version;
        break;
      case 'newPeer':
        this.peers.set(data.id, { id: data.id, displayName: data.displayName, device: data.device });
        break;
      case 'peerClosed':
        this.peers.delete(data.peerId);
        if (this.activeSpeakerId === data.peerId) this.activeSpeakerId = null;
        break;
      case 'peerDisplayNameChanged': {
        const peer = this.peers.get(data.peerId);
        if (peer) peer.displayName = data.displayName;
        break;
      }
      case 'consumerClosed': {
        const entry = this.consumers.get(data.consumerId);
        if (!entry) return;
        this.consumers.delete(data.consumerId);
        entry.consumer.close();
        break;
      }
      case 'consumerPaused':
      case 'consumerResumed': {
        // The producer was paused or resumed: follow it locally so the track shows the same.
        const entry = this.consumers.get(data.consumerId);
        if (!entry) return;
        entry.remotePaused = method === 'consumerPaused';
        if (entry.remotePaused) entry.consumer.pause();
        else entry.consumer.resume();
        break;
      }
      case 'consumerScore':
        this.update(this.consumers.get(data.consumerId), { score: data.score });
        break;
      case 'consumerLayersChanged':
        this.update(this.consumers.get(data.consumerId), {
          layers: { spatialLayer: data.spatialLayer, temporalLayer: data.temporalLayer },
        });
        break;
      case 'producerScore': {
        const entry = [...this.producers.values()].find((p) => p.producer.id === data.producerId);
        this.update(entry, { score: data.score });
        break;
      }
      case 'dataConsumerClosed':
        this.data.closed(data.dataConsumerId);
        break;
      case 'activeSpeaker':
        this.activeSpeakerId = data.peerId ?? null;
        if (data.peerId) this.speakersSeen.add(data.peerId);
        break;
      default:
        return; // downlinkBwe and the like: nothing to show
    }
    this.changed();
  }

  // ---- statistics ----

  /** Browser-side RTP statistics of every consumer and producer, and each transport's selected protocol. */
  async localStats() {
    const consumers = await Promise.all([...this.consumers].map(async ([id, entry]) => ({
      id, peerId: entry.peerId, kind: entry.consumer.kind, share: entry.share,
      ...inbound(await entry.consumer.getStats()),
    })));
    const producers = await Promise.all([...this.producers.values()].map(async ({ producer, source }) => ({
      id: producer.id, kind: producer.kind, source,
      ...outbound(await producer.getStats()),
    })));
    const transports = {
      send: await selectedPath(this.sendTransport),
      recv: await selectedPath(this.recvTransport),
    };
    return { consumers, producers, transports };
  }

  /** The server's view (getProducerStats / getConsumerStats), per producer and consumer id. */
  async serverStats() {
    const producers = await Promise.all([...this.producers.values()].map(async ({ producer, source }) => ({
      id: producer.id, source, stats: await this.request('getProducerStats', { producerId: producer.id }),
    })));
    const consumers = await Promise.all([...this.consumers].map(async ([id, entry]) => ({
      id, peerId: entry.peerId, stats: await this.request('getConsumerStats', { consumerId: id }),
    })));
    return { producers, consumers };
  }

  // ---- helpers ----

  /** The browser's SCTP capabilities when DataChannels are wanted; none (no SCTP at all) otherwise. */
  sctpCapabilities() {
    return this.options.datachannel ? this.device.sctpCapabilities : undefined;
  }

  sendChat(text) {
    this.data.send('chat', text);
  }

  sendBot(text) {
    this.data.send('bot', text);
  }

  request(method, data = {}) {
    return this.protoo.request(method, data);
  }

  setConnection(connection) {
    this.connection = connection;
    this.changed();
  }

  changed() {
    this.dispatchEvent(new Event('change'));
  }

  count(method) {
    this.received[method] = (this.received[method] ?? 0) + 1;
  }

  update(entry, fields) {
    if (entry) Object.assign(entry, fields);
  }

  fail(what, error) {
    console.error(`tributary: ${what} failed:`, error);
    this.errors.push(`${what}: ${error?.message ?? error}`);
    if (this.errors.length > MAX_ERRORS) this.errors.shift();
    this.changed();
  }
}

function inbound(report) {
  for (const s of report.values()) {
    if (s.type === 'inbound-rtp') {
      return {
        packetsReceived: s.packetsReceived ?? 0,
        bytesReceived: s.bytesReceived ?? 0,
        framesDecoded: s.framesDecoded ?? 0,
        frameWidth: s.frameWidth ?? 0,
        frameHeight: s.frameHeight ?? 0,
      };
    }
  }
  return { packetsReceived: 0, bytesReceived: 0, framesDecoded: 0, frameWidth: 0, frameHeight: 0 };
}

/** Sums the outbound streams (a simulcast producer has one per encoding) and lists them. */
function outbound(report) {
  const sum = { packetsSent: 0, bytesSent: 0, framesEncoded: 0, streams: [] };
  for (const s of report.values()) {
    if (s.type !== 'outbound-rtp') continue;
    sum.packetsSent += s.packetsSent ?? 0;
    sum.bytesSent += s.bytesSent ?? 0;
    sum.framesEncoded += s.framesEncoded ?? 0;
    sum.streams.push({
      rid: s.rid ?? null,
      bytesSent: s.bytesSent ?? 0,
      frameWidth: s.frameWidth ?? 0,
      frameHeight: s.frameHeight ?? 0,
      // 'bandwidth' here means the browser's estimate of the uplink, fed by the SFU's feedback.
      qualityLimitationReason: s.qualityLimitationReason ?? null,
    });
  }
  sum.streams.sort((a, b) => (a.rid ?? '').localeCompare(b.rid ?? ''));
  return sum;
}

/** The ICE candidate pair in use: its state and the local candidate's protocol (udp or tcp). */
async function selectedPath(transport) {
  if (!transport) return null;
  const report = await transport.getStats();
  const stats = [...report.values()];
  const pairId = stats.find((s) => s.type === 'transport')?.selectedCandidatePairId;
  const pair = pairId ? report.get(pairId) : stats.find((s) => s.type === 'candidate-pair' && s.nominated);
  const local = pair ? report.get(pair.localCandidateId) : null;
  return {
    connectionState: transport.connectionState,
    protocol: local?.protocol ?? null,
    availableOutgoingBitrate: pair?.availableOutgoingBitrate ?? null,
  };
}
