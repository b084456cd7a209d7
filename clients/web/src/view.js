// The page: a control bar, a grid of video tiles (own camera first) and a stats panel.
// Plain DOM, re-rendered from the RoomClient's state on every 'change'.

const STATS_INTERVAL_MS = 2000;

export function mountView(client) {
  const $ = (id) => document.getElementById(id);
  const tiles = new Map(); // key -> tile elements
  let renderQueued = false;

  $('room').textContent = `room ${client.options.roomId}`;
  $('mic').addEventListener('click', () => act(micAction()));
  $('webcam').addEventListener('click', () => act(client.producers.has('webcam') ? 'disableWebcam' : 'enableWebcam'));
  $('share').addEventListener('click', () => act(client.producers.has('share') ? 'disableShare' : 'enableShare'));
  $('stats-toggle').addEventListener('click', toggleStats);
  $('chat-form').addEventListener('submit', sendMessage);
  // Browsers refuse to start audio with sound before the user interacted with the page.
  document.addEventListener('click', () => document.querySelectorAll('audio').forEach(play), { once: true });

  client.addEventListener('change', () => {
    // Several changes in one task make one render.
    if (renderQueued) return;
    renderQueued = true;
    queueMicrotask(() => {
      renderQueued = false;
      render();
    });
  });
  render();

  function micAction() {
    const mic = client.producers.get('mic');
    if (!mic) return 'enableMic';
    return mic.producer.paused ? 'unmuteMic' : 'muteMic';
  }

  function act(method) {
    client[method]().catch((e) => client.fail(method, e));
  }

  function render() {
    $('status').textContent = client.joined ? `joined as ${client.displayName}` : client.connection;
    $('status').dataset.state = client.joined ? 'joined' : client.connection;
    const mic = client.producers.get('mic');
    $('mic').textContent = !mic ? 'Mic on' : mic.producer.paused ? 'Unmute' : 'Mute';
    $('webcam').textContent = client.producers.has('webcam') ? 'Camera off' : 'Camera on';
    $('share').textContent = client.producers.has('share') ? 'Stop sharing' : 'Share screen';
    $('mic').disabled = !client.canProduce('audio');
    $('webcam').disabled = $('share').disabled = !client.canProduce('video');
    const error = client.errors.at(-1);
    $('error').hidden = !error;
    $('error').textContent = error ?? '';
    renderTiles();
    renderChat();
  }

  function renderTiles() {
    const wanted = describeTiles();
    for (const [key, tile] of tiles) {
      if (!wanted.some((t) => t.key === key)) {
        tile.root.remove();
        tiles.delete(key);
      }
    }
    for (const desc of wanted) {
      const tile = tiles.get(desc.key) ?? createTile(desc.key);
      updateTile(tile, desc);
      $('grid').append(tile.root); // keeps the order of `wanted`
    }
  }

  /** What to show: own camera, then each peer's camera (with its audio) and each screen share. */
  function describeTiles() {
    const own = client.producers.get('webcam');
    const ownMic = client.producers.get('mic');
    const ownShare = client.producers.get('share');
    const wanted = [{
      key: 'me',
      name: `${client.displayName} (you)`,
      video: own?.producer.track ?? null,
      audio: null,
      micOff: !ownMic || ownMic.producer.paused,
      speaking: client.activeSpeakerId === client.options.peerId,
    }];
    if (ownShare) {
      wanted.push({
        key: 'me:share', name: 'your screen', video: ownShare.producer.track, audio: null, micOff: false, speaking: false,
      });
    }
    for (const peer of client.peers.values()) {
      const consumers = [...client.consumers.values()].filter((c) => c.peerId === peer.id);
      const camera = consumers.find((c) => c.consumer.kind === 'video' && !c.share);
      const audio = consumers.find((c) => c.consumer.kind === 'audio');
      wanted.push({
        key: peer.id,
        name: peer.displayName,
        video: camera?.consumer.track ?? null,
        audio: audio?.consumer.track ?? null,
        micOff: !audio || audio.remotePaused,
        speaking: client.activeSpeakerId === peer.id,
      });
      for (const share of consumers.filter((c) => c.share)) {
        wanted.push({
          key: `${peer.id}:${share.consumer.id}`,
          name: `${peer.displayName} (screen)`,
          video: share.consumer.track,
          audio: null,
          micOff: false,
          speaking: false,
        });
      }
    }
    return wanted;
  }

  function createTile(key) {
    const root = document.createElement('figure');
    root.className = 'tile';
    root.dataset.key = key;
    const video = document.createElement('video');
    video.autoplay = true;
    video.playsInline = true;
    video.muted = true; // sound comes from the <audio> element
    const audio = document.createElement('audio');
    audio.autoplay = true;
    const label = document.createElement('figcaption');
    const name = document.createElement('span');
    const micOff = document.createElement('span');
    micOff.className = 'badge';
    micOff.textContent = 'mic off';
    label.append(name, micOff);
    root.append(video, audio, label);
    if (key === 'me') {
      label.title = 'Click to change your name';
      label.addEventListener('click', rename);
    }
    const tile = { root, video, audio, name, micOff };
    tiles.set(key, tile);
    return tile;
  }

  function updateTile(tile, desc) {
    attach(tile.video, desc.video);
    attach(tile.audio, desc.audio);
    tile.name.textContent = desc.name;
    tile.micOff.hidden = !desc.micOff;
    tile.root.classList.toggle('speaking', desc.speaking);
    tile.root.classList.toggle('no-video', !desc.video);
  }

  function attach(element, track) {
    const current = element.srcObject?.getTracks()[0] ?? null;
    if (current === track) return;
    element.srcObject = track ? new MediaStream([track]) : null;
    if (track) play(element);
  }

  function play(element) {
    element.play().catch(() => { /* autoplay refused: the first click retries */ });
  }

  function rename() {
    const name = prompt('Your name', client.displayName);
    if (name && name.trim()) client.changeDisplayName(name.trim()).catch((e) => client.fail('rename', e));
  }

  // ---- chat (DataChannels) ----

  function sendMessage(event) {
    event.preventDefault();
    const text = $('chat-input').value.trim();
    if (!text) return;
    try {
      if (text.startsWith('/bot ')) client.sendBot(text.slice(5));
      else client.sendChat(text);
      $('chat-input').value = '';
    } catch (e) {
      client.fail('chat', e);
    }
  }

  function renderChat() {
    const open = client.data.chat?.readyState === 'open';
    $('chat-input').disabled = $('chat-send').disabled = !open;
    const items = client.data.messages.map(({ from, label, text }) => {
      const li = document.createElement('li');
      const who = from === client.options.peerId ? 'you' : from === 'bot' ? 'bot' : client.peers.get(from)?.displayName ?? from;
      li.textContent = `${who}${label === 'bot' && from !== 'bot' ? ' (to bot)' : ''}: ${text}`;
      return li;
    });
    $('messages').replaceChildren(...items);
  }

  // ---- stats panel ----

  let statsTimer = null;

  function toggleStats() {
    const panel = $('stats');
    panel.hidden = !panel.hidden;
    clearInterval(statsTimer);
    if (panel.hidden) return;
    refreshStats();
    statsTimer = setInterval(refreshStats, STATS_INTERVAL_MS);
  }

  async function refreshStats() {
    try {
      const [local, server] = await Promise.all([client.localStats(), client.serverStats()]);
      $('stats').replaceChildren(statsTable(local, server));
    } catch (e) {
      $('stats').textContent = `stats unavailable: ${e.message ?? e}`;
    }
  }

  function statsTable(local, server) {
    const rows = [['stream', 'browser', 'server']];
    for (const p of local.producers) {
      const s = server.producers.find((x) => x.id === p.id)?.stats ?? [];
      const layers = p.kind === 'video' ? ` (${p.streams.map((x) => `${x.frameWidth}x${x.frameHeight}`).join(', ')})` : '';
      rows.push([`you: ${p.source}`, `${p.packetsSent} pkts sent${layers}`, serverSummary(s)]);
    }
    for (const c of local.consumers) {
      const name = client.peers.get(c.peerId)?.displayName ?? c.peerId;
      const s = (server.consumers.find((x) => x.id === c.id)?.stats ?? []).slice(0, 1);
      const frames = c.kind === 'video' ? `, ${c.framesDecoded} frames ${c.frameWidth}x${c.frameHeight}` : '';
      rows.push([`${name}: ${c.share ? 'screen' : c.kind}`, `${c.packetsReceived} pkts${frames}`, serverSummary(s)]);
    }
    const table = document.createElement('table');
    for (const [i, cells] of rows.entries()) {
      const tr = table.insertRow();
      for (const text of cells) {
        const cell = document.createElement(i === 0 ? 'th' : 'td');
        cell.textContent = text;
        tr.append(cell);
      }
    }
    return table;
  }
}

/** One stream per entry (a simulcast producer has one per layer): score, bitrate, packets. */
function serverSummary(stats) {
  return stats
    .map((s) => `${s.rid ? `${s.rid}: ` : ''}score ${s.score ?? '-'}, ${Math.round((s.bitrate ?? 0) / 1000)} kbps, `
      + `${s.packetCount ?? 0} pkts`)
    .join(' | ');
}
