// Entry point: reads the page URL, joins the room and exposes a small hook for tests.
//   ?roomId=&peerId=&displayName=  (random when absent)
//   forceTcp=true  produce=false  consume=false  simulcast=false  datachannel=false
import { RoomClient } from './room-client.js';
import { mountView } from './view.js';

const params = new URLSearchParams(location.search);
const flag = (name, fallback) => (params.has(name) ? params.get(name) !== 'false' : fallback);

const roomId = params.get('roomId') || randomId();
const peerId = params.get('peerId') || randomId();
if (!params.has('roomId')) {
  // Put the room in the address bar so the link can be shared (the peerId stays private to this tab).
  params.set('roomId', roomId);
  history.replaceState(null, '', `${location.pathname}?${params}`);
}

const wsUrl = new URL('/', location.href);
wsUrl.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
wsUrl.search = new URLSearchParams({ roomId, peerId }).toString();

const client = new RoomClient({
  url: wsUrl.href,
  roomId,
  peerId,
  displayName: params.get('displayName') || `guest-${peerId.slice(0, 4)}`,
  forceTcp: flag('forceTcp', false),
  produce: flag('produce', true),
  consume: flag('consume', true),
  simulcast: flag('simulcast', true),
  datachannel: flag('datachannel', true),
});

mountView(client);
client.start();
window.addEventListener('pagehide', () => client.close());

// JSON-able state for automated tests, so they need not read the DOM.
window.tributary = {
  state: () => snapshot(client),
  peers: () => snapshot(client).peers,
  stats: () => client.localStats(),
  serverStats: () => client.serverStats(),
  enableMic: () => client.enableMic(),
  disableMic: () => client.disableMic(),
  muteMic: () => client.muteMic(),
  unmuteMic: () => client.unmuteMic(),
  enableWebcam: () => client.enableWebcam(),
  disableWebcam: () => client.disableWebcam(),
  enableShare: () => client.enableShare(),
  disableShare: () => client.disableShare(),
  changeDisplayName: (name) => client.changeDisplayName(name),
  sendChat: (text) => client.sendChat(text),
  sendBot: (text) => client.sendBot(text),
  leave: () => client.close(),
};

function snapshot(c) {
  const consumers = [...c.consumers].map(([id, e]) => ({
    id,
    peerId: e.peerId,
    producerId: e.consumer.producerId,
    kind: e.consumer.kind,
    share: e.share,
    remotePaused: e.remotePaused,
    localPaused: e.consumer.paused,
    score: e.score,
    layers: e.layers,
  }));
  return {
    roomId: c.options.roomId,
    peerId: c.options.peerId,
    displayName: c.displayName,
    connection: c.connection,
    joined: c.joined,
    serverVersion: c.serverVersion,
    activeSpeakerId: c.activeSpeakerId,
    speakersSeen: [...c.speakersSeen],
    producers: [...c.producers.values()].map(({ producer, source, score }) => ({
      id: producer.id, kind: producer.kind, source, paused: producer.paused, score,
    })),
    peers: [...c.peers.values()].map((p) => ({
      id: p.id,
      displayName: p.displayName,
      device: p.device,
      consumers: consumers.filter((x) => x.peerId === p.id),
    })),
    consumers,
    data: c.data.snapshot(),
    received: { ...c.received },
    errors: [...c.errors],
  };
}

function randomId() {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => alphabet[b % alphabet.length]).join('');
}
