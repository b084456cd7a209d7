// Runs the real protoo-server for Tributary's Java protoo client.
// Usage: node server-interop.js. Listens on a free loopback port, prints it on stdout, and exits when stdin
// closes (so it dies with the test that started it).
'use strict';

const http = require('http');
const protooServer = require('protoo-server');

const httpServer = http.createServer();
// The demo's WebSocket options.
const wsServer = new protooServer.WebSocketServer(httpServer, {
	maxReceivedFrameSize: 960000,
	maxReceivedMessageSize: 960000,
	fragmentOutgoingMessages: true,
	fragmentationThreshold: 960000
});
const room = new protooServer.Room();

wsServer.on('connectionrequest', (info, accept, reject) => {
	const query = new URL(info.request.url, 'http://localhost').searchParams;
	const peerId = query.get('peerId');

	if (!query.get('roomId') || !peerId)
		return reject(400, 'Connection request without roomId and/or peerId');

	if (room.hasPeer(peerId))
		room.getPeer(peerId).close();

	const peer = room.createPeer(peerId, accept());

	peer.notify('welcome', { peerId }).catch(() => {});

	peer.on('request', (request, accept, reject) => {
		switch (request.method) {
			case 'echo':
				accept(request.data);
				break;
			case 'fail':
				reject(418, 'teapot');
				break;
			case 'throw':
				throw new Error('boom');
			case 'roundTrip':
				roundTrip(peer).then(accept, (error) => reject(error));
				break;
			case 'closeMe':
				accept();
				setImmediate(() => peer.close());
				break;
			default:
				reject(500, `unknown request.method "${request.method}"`);
		}
	});

	peer.on('notification', (notification) => {
		peer.notify('echoNotification', { method: notification.method, data: notification.data })
			.catch(() => {});
	});
});

// Requests the client three ways: an answer, a rejection and a throwing handler.
async function roundTrip(peer) {
	const outcome = {};
	outcome.ask = await peer.request('ask', { question: 21 });
	for (const method of [ 'askReject', 'askThrow' ]) {
		try {
			await peer.request(method);
			outcome[method] = 'accepted?';
		} catch (error) {
			outcome[method] = { code: error.code, message: error.message };
		}
	}
	return outcome;
}

httpServer.listen(0, '127.0.0.1', () => console.log(httpServer.address().port));

process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
