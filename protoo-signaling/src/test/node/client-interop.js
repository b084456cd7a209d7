// Drives the real protoo-client against Tributary's Java protoo server.
// Usage: node client-interop.js <ws-url>. Prints one JSON line with what it saw, then exits 0 once the
// server closed it with code 4000; exits 1 (printing {"fatal": ...}) on anything unexpected or after 15 s.
'use strict';

const protooClient = require('protoo-client');

const url = process.argv[2];
const result = { notifications: [] };

function fail(reason) {
	console.log(JSON.stringify({ fatal: String((reason && reason.stack) || reason), partial: result }));
	process.exit(1);
}

setTimeout(() => fail('timed out'), 15000);

// No retries: any failure to connect is a test failure.
const transport = new protooClient.WebSocketTransport(url, { retry: { retries: 0 } });
const peer = new protooClient.Peer(transport);

peer.on('request', (request, accept, reject) => {
	switch (request.method) {
		case 'ask':
			accept({ answer: request.data.question * 2 });
			break;
		case 'askReject':
			reject(409, 'nope');
			break;
		case 'askThrow':
			throw new Error('client boom');
		default:
			reject(404, `unknown method ${request.method}`);
	}
});

peer.on('notification', (notification) => {
	result.notifications.push({ method: notification.method, data: notification.data });
});

peer.on('failed', (attempt) => fail(`connection attempt ${attempt} failed`));
peer.on('disconnected', () => fail('disconnected instead of closed with 4000'));

peer.on('open', async () => {
	try {
		result.echo = await peer.request('echo', { hello: 'java', n: [1, 2] });
		result.empty = await peer.request('echo');
		try {
			await peer.request('fail', { why: 'test' });
		} catch (error) {
			result.error = { code: error.code, message: error.message };
		}
		await peer.notify('clientNotification', { x: 1 });
		result.roundTrip = await peer.request('roundTrip');
		result.closeMe = await peer.request('closeMe');
	} catch (error) {
		fail(error);
	}
});

peer.on('close', () => {
	result.closed = true;
	console.log(JSON.stringify(result));
	process.exit(0);
});
