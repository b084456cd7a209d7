// DataChannels as the mediasoup-demo uses them: a 'chat' channel that every other peer consumes and
// a 'bot' channel that the room's bot answers on (its replies arrive on the bot's own channel).
const MAX_MESSAGES = 100;

export class RoomData {
  constructor(client) {
    this.client = client;
    this.chat = null;
    this.bot = null;
    this.consumers = new Map(); // dataConsumerId -> { dataConsumer, peerId }
    this.messages = []; // { from, label, text }, newest last
  }

  /** Opens the chat and bot channels on the send transport (the demo's unreliable settings). */
  async produce(sendTransport) {
    this.chat = await sendTransport.produceData({
      ordered: false, maxRetransmits: 1, label: 'chat', priority: 'medium', appData: { info: 'my-chat-DataProducer' },
    });
    this.bot = await sendTransport.produceData({ ordered: false, maxPacketLifeTime: 2000, label: 'bot' });
    this.client.changed();
  }

  async consume(recvTransport, data, accept, reject) {
    const { peerId, dataProducerId, id, sctpStreamParameters, label, protocol, appData = {} } = data;
    let dataConsumer;
    try {
      dataConsumer = await recvTransport.consumeData({
        id, dataProducerId, sctpStreamParameters, label, protocol, appData: { ...appData, peerId },
      });
    } catch (error) {
      this.client.fail('consumeData', error);
      reject(500, String(error));
      return;
    }
    this.consumers.set(id, { dataConsumer, peerId });
    dataConsumer.on('transportclose', () => this.consumers.delete(id));
    dataConsumer.on('message', (message) => {
      const text = typeof message === 'string' ? message : new TextDecoder().decode(message);
      this.record({ from: label === 'bot' ? 'bot' : peerId, label, text });
    });
    accept();
    this.client.changed();
  }

  closed(dataConsumerId) {
    this.consumers.get(dataConsumerId)?.dataConsumer.close();
    this.consumers.delete(dataConsumerId);
    this.client.changed();
  }

  send(label, text) {
    const channel = label === 'bot' ? this.bot : this.chat;
    if (!channel || channel.readyState !== 'open') throw new Error(`the ${label} channel is not open`);
    channel.send(text);
    this.record({ from: this.client.options.peerId, label, text });
  }

  record(message) {
    this.messages.push(message);
    if (this.messages.length > MAX_MESSAGES) this.messages.shift();
    this.client.changed();
  }

  /** Transports are gone: their data producers and consumers closed with them. */
  reset() {
    this.chat = null;
    this.bot = null;
    this.consumers.clear();
  }

  snapshot() {
    return {
      chat: this.chat?.readyState ?? null,
      bot: this.bot?.readyState ?? null,
      consumers: [...this.consumers].map(([id, { dataConsumer, peerId }]) => ({
        id, peerId, label: dataConsumer.label, readyState: dataConsumer.readyState,
      })),
      messages: [...this.messages],
    };
  }
}
