// Subscriptions: a probe of the graphql-transport-ws protocol with a raw
// WebSocket (the `ws` package), checking that each breach of the protocol
// closes the connection with the code the protocol gives it, as the
// `graphql-ws` reference server does.
import http from 'node:http';
import WebSocket from 'ws';

const url = `${process.env.NEWSGRAPH_URL.replace(/^http/, 'ws')}/graphql/ws`;
const PROTOCOL = 'graphql-transport-ws';
const init = { type: 'connection_init', payload: {} };
const ping = { type: 'ping' };
const subscribe = (id) => ({
  id,
  type: 'subscribe',
  payload: { query: 'subscription { statementAdded { id } }' },
});

/**
 * Opens a connection, then for each step sends its message and, if the
 * step names a reply type, waits for that reply. Resolves with what ended
 * the conversation: the close frame, or `open` if the connection was still
 * open 500 ms after the last step.
 */
function converse(steps, protocols = PROTOCOL) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, protocols);
    const timer = setTimeout(() => reject(new Error('no answer within 10 s')), 10000);
    let waiting = null;
    const next = () => {
      const step = steps.shift();
      if (!step) {
        setTimeout(() => {
          clearTimeout(timer);
          socket.close(1000);
          resolve({ open: true });
        }, 500);
        return;
      }
      socket.send(typeof step.send === 'string' ? step.send : JSON.stringify(step.send));
      waiting = step.reply ?? null;
      if (!waiting) next();
    };
    socket.on('open', next);
    socket.on('message', (data) => {
      const message = JSON.parse(String(data));
      if (waiting && message.type === waiting) {
        waiting = null;
        next();
      }
    });
    socket.on('close', (code, reason) => {
      clearTimeout(timer);
      resolve({ code, reason: String(reason) });
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** An upgrade request offering `protocol`; what the server answers. */
function upgrade(protocol) {
  return new Promise((resolve, reject) => {
    const request = http.request(`${process.env.NEWSGRAPH_URL}/graphql/ws`, {
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
        'sec-websocket-protocol': protocol,
      },
    });
    request.setTimeout(10000, () => request.destroy(new Error('no answer within 10 s')));
    request.on('response', (res) => resolve({ status: res.statusCode, protocol: res.headers['sec-websocket-protocol'] }));
    request.on('upgrade', (res, socket, head) => {
      // The server's first frame: a close frame (opcode 8) with its code.
      let frame = head;
      const done = () => {
        socket.destroy();
        const code = frame.length >= 4 && (frame[0] & 0x0f) === 8 ? frame.readUInt16BE(2) : null;
        resolve({ status: res.statusCode, protocol: res.headers['sec-websocket-protocol'], code });
      };
      if (frame.length >= 4) return done();
      socket.on('data', (chunk) => {
        frame = Buffer.concat([frame, chunk]);
        if (frame.length >= 4) done();
      });
      socket.on('end', done);
    });
    request.on('error', reject);
    request.end();
  });
}

const cases = [
  ['subscribe before connection_init', 4401, () => converse([{ send: subscribe('1') }])],
  ['a second connection_init', 4429, () => converse([{ send: init, reply: 'connection_ack' }, { send: init }])],
  ['a message that is not JSON', 4400, () => converse([{ send: init, reply: 'connection_ack' }, { send: 'not json' }])],
  ['a message of an unknown type', 4400, () => converse([{ send: init, reply: 'connection_ack' }, { send: { type: 'subscribe_all' } }])],
  [
    'a subscribe without an id',
    4400,
    () => converse([{ send: init, reply: 'connection_ack' }, { send: { type: 'subscribe', payload: { query: '{ __typename }' } } }]),
  ],
  [
    'a subscribe whose id is in use',
    4409,
    () =>
      converse([
        { send: init, reply: 'connection_ack' },
        { send: subscribe('1') },
        { send: ping, reply: 'pong' },
        { send: subscribe('1') },
      ]),
  ],
  ['no subprotocol', 4406, () => converse([], [])],
  ['the legacy subprotocol is still served', 'open', () => converse([{ send: init, reply: 'connection_ack' }], 'graphql-ws')],
  [
    'an id may be used again once completed',
    'open',
    () =>
      converse([
        { send: init, reply: 'connection_ack' },
        { send: subscribe('1') },
        { send: ping, reply: 'pong' },
        { send: { id: '1', type: 'complete' } },
        { send: subscribe('1') },
        { send: ping, reply: 'pong' },
      ]),
  ],
];

const failures = [];
for (const [name, expected, run] of cases) {
  const got = await run().catch((error) => ({ error: String(error) }));
  const outcome = got.open ? 'open' : got.code;
  if (outcome !== expected) failures.push(`${name}: expected ${expected}, got ${JSON.stringify(got)}`);
  else if (expected === 4409 && got.reason !== 'Subscriber for 1 already exists') {
    failures.push(`${name}: expected the reason "Subscriber for 1 already exists", got "${got.reason}"`);
  }
}

// An unknown subprotocol: the upgrade succeeds without one, then 4406.
const unknown = await upgrade('graphql-unknown').catch((error) => ({ error: String(error) }));
if (unknown.status !== 101 || unknown.protocol !== undefined || unknown.code !== 4406) {
  failures.push(`an unknown subprotocol: expected 101 without a subprotocol, then close 4406; got ${JSON.stringify(unknown)}`);
}

if (failures.length) {
  console.log(failures.join('\n'));
  process.exit(1);
}
console.log(`graphql-transport-ws close codes: ${cases.length + 1} cases (4401, 4429, 4400, 4409, 4406)`);
