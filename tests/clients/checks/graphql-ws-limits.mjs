// The limit of subscriptions per connection, as the `graphql-ws` client
// meets it: the operation over the limit (the server's default, 100) fails
// alone through its sink's `error`, with the code TOO_MANY_SUBSCRIPTIONS;
// the connection stays up, and once one operation ends another may start.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const base = process.env.NEWSGRAPH_URL;
const LIMIT = 100;

let closed = null;
const client = createClient({
  url: `${base.replace(/^http/, 'ws')}/graphql/ws`,
  webSocketImpl: WebSocket,
  retryAttempts: 0,
  on: { closed: (event) => (closed = event) },
});

/** Starts an operation; resolves with how it ended: `error`, `complete` or the first `next`. */
function start(query) {
  let dispose;
  const ended = new Promise((resolve) => {
    dispose = client.subscribe(
      { query },
      {
        next: (result) => resolve({ next: result }),
        error: (error) => resolve({ error }),
        complete: () => resolve({ complete: true }),
      },
    );
  });
  return { dispose, ended };
}

const follow = 'subscription { statementAdded(filter: { text: "graphql-ws-limits" }) { id } }';
const running = Array.from({ length: LIMIT }, () => start(follow));
const timeout = (ms) => new Promise((resolve) => setTimeout(() => resolve({ timeout: true }), ms));
try {
  const over = await Promise.race([start(follow).ended, timeout(15000)]);
  const code = Array.isArray(over.error) ? over.error[0]?.extensions?.code : undefined;
  if (code !== 'TOO_MANY_SUBSCRIPTIONS') {
    throw new Error(`subscription ${LIMIT + 1} should fail with TOO_MANY_SUBSCRIPTIONS; got ${JSON.stringify(over)}`);
  }
  running[0].dispose();
  const after = await Promise.race([start('{ __typename }').ended, timeout(15000)]);
  if (after.next?.data?.__typename !== 'Query') {
    throw new Error(`once one ended, another operation should run; got ${JSON.stringify(after)}`);
  }
  if (closed) throw new Error(`the connection closed: ${closed.code} ${closed.reason}`);
  console.log(`graphql-ws client: subscription ${LIMIT + 1} refused with TOO_MANY_SUBSCRIPTIONS, the other ${LIMIT} kept`);
} finally {
  running.forEach((r) => r.dispose());
  await client.dispose();
}
