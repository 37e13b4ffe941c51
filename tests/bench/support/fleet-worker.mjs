// The simulated phones of the fleet benchmark, in a worker thread: their sockets and their work sit
// on their own heap and thread, as real phones do, so the main thread's heap and event loop hold the
// server alone. Messages in: {type:'connect', url, tokens (null = no auth), readAfterMs (null = never)}
// and {type:'close'}. Messages out: {type:'connected'}, {type:'page', key, at} per page (first copy of
// each id; `at` is performance.timeOrigin + now, comparable across threads) and {type:'read', ms}.
import { parentPort } from 'node:worker_threads';
import { io } from 'socket.io-client';

const sockets = [];
const timers = new Set();
const now = () => performance.timeOrigin + performance.now();

function open(url, token, readAfterMs) {
  const socket = io(url, { ...(token ? { auth: { token } } : {}), transports: ['websocket'], reconnection: false });
  const seen = new Set();
  socket.on('page', (page, delivered) => {
    const at = now();
    if (typeof delivered === 'function') delivered();
    if (seen.has(page.id)) return;
    seen.add(page.id);
    parentPort.postMessage({ type: 'page', key: page.summary, at });
    if (readAfterMs === null) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      const t0 = now();
      socket.emit('page:read', { id: page.id }, (result) => {
        if (result && result.ok) parentPort.postMessage({ type: 'read', ms: now() - t0 });
      });
    }, readAfterMs);
    timers.add(timer);
  });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
}

parentPort.on('message', async (message) => {
  if (message.type === 'connect') {
    // A few at a time: a whole fleet connecting at once is a storm of its own, not what is measured.
    for (let i = 0; i < message.tokens.length; i += 25) {
      await Promise.all(message.tokens.slice(i, i + 25).map((token) => open(message.url, token, message.readAfterMs)));
    }
    parentPort.postMessage({ type: 'connected' });
  } else if (message.type === 'close') {
    timers.forEach(clearTimeout);
    sockets.forEach((socket) => socket.close());
    parentPort.postMessage({ type: 'closed' });
  }
});
