// Subscriptions: the `graphql-ws` client (what Apollo Client, urql and
// Relay use for graphql-transport-ws) subscribes to `statementAdded` for
// one speaker, and receives the statements added for that speaker by
// `addStatement` and by `importGraph`, and none of another speaker's.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const base = process.env.NEWSGRAPH_URL;
const token = process.env.NEWSGRAPH_WRITE_TOKEN;

async function graphql(query, variables = {}) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (res.status !== 200 || body.errors) {
    throw new Error(`${query.slice(0, 60)}...: HTTP ${res.status} ${JSON.stringify(body)}`);
  }
  return body.data;
}

const seed = await graphql(`{
  peskov: people(filter: { name: "Peskov" }, first: 1) { nodes { id name } }
  rubio: people(filter: { name: "Rubio" }, first: 1) { nodes { id name } }
  sources(first: 1) { nodes { id text } }
}`);
const peskov = seed.peskov.nodes[0];
const rubio = seed.rubio.nodes[0];
const source = seed.sources.nodes[0];
if (!peskov || !rubio || !source) throw new Error(`the seed graph is not there: ${JSON.stringify(seed)}`);

// Evidence: the source's first words, offsets in code points.
const excerpt = [...source.text].slice(0, 40).join('');
const evidence = { source: source.id, start: 0, end: [...excerpt].length, excerpt };

let added = 0;
async function addStatement(speaker) {
  added += 1;
  const text = `graphql-ws check ${process.pid}-${added}`;
  await graphql(
    `mutation($input: AddStatementInput!) { addStatement(input: $input) { created } }`,
    { input: { kind: 'PARAPHRASE', text, speaker: speaker.id, evidence } },
  );
  return text;
}

async function importStatement(speakerName) {
  added += 1;
  const text = `graphql-ws import ${process.pid}-${added}`;
  const article = `${speakerName} said something new on day ${added}.`;
  const document = {
    format: 'newsgraph/1',
    sources: [{ key: `graphql-ws-${process.pid}-${added}`, title: 'A later article', text: article }],
    people: [{ key: 'speaker', name: speakerName }],
    statements: [
      {
        key: 'statement',
        kind: 'paraphrase',
        text,
        speaker: 'speaker',
        evidence: {
          source: `graphql-ws-${process.pid}-${added}`,
          start: 0,
          end: [...article].length,
          excerpt: article,
        },
      },
    ],
  };
  await graphql(`mutation($doc: JSON!) { importGraph(document: $doc) { records { kind added } } }`, {
    doc: document,
  });
  return text;
}

let connected;
const acknowledged = new Promise((resolve) => {
  connected = resolve;
});
const client = createClient({
  url: `${base.replace(/^http/, 'ws')}/graphql/ws`,
  webSocketImpl: WebSocket,
  connectionParams: { Authorization: `Bearer ${token}` },
  retryAttempts: 0,
  on: { connected: () => connected() },
});

// Each event the subscription sends, in order.
const events = [];
let wake = () => {};
let failure = null;
const dispose = client.subscribe(
  {
    query: `subscription($speaker: ID) {
      statementAdded(filter: { speaker: $speaker }) { id text kind speaker { id name } }
    }`,
    variables: { speaker: peskov.id },
  },
  {
    next: (result) => {
      events.push(result);
      wake();
    },
    error: (error) => {
      failure = error;
      wake();
    },
    complete: () => {
      failure = failure ?? new Error('the subscription completed early');
      wake();
    },
  },
);

/** Waits up to `ms` for events to hold `n` events. */
async function eventCount(n, ms) {
  const until = Date.now() + ms;
  while (events.length < n && !failure && Date.now() < until) {
    await new Promise((resolve) => {
      wake = resolve;
      setTimeout(resolve, Math.min(250, until - Date.now()));
    });
  }
  if (failure) throw new Error(`the subscription failed: ${JSON.stringify(failure)}`);
  return events.length >= n;
}

try {
  await Promise.race([
    acknowledged,
    new Promise((_, reject) => setTimeout(() => reject(new Error('no connection_ack within 10 s')), 10000)),
  ]);
  // The subscription starts once the server has read it, which the client
  // cannot see: until its first event, each attempt adds a statement, and
  // the statements added before it began are not expected.
  let expected = [];
  const until = Date.now() + 15000;
  while (events.length === 0 && Date.now() < until) {
    expected.push(await addStatement(peskov));
    await eventCount(1, 1000);
  }
  if (events.length === 0) throw new Error('no statementAdded event within 15 s of addStatement');
  const first = expected.indexOf(events[0].data?.statementAdded?.text);
  if (first < 0) throw new Error(`an event for no statement added: ${JSON.stringify(events[0])}`);
  expected = expected.slice(first);
  await eventCount(expected.length, 2000);

  // Another speaker's statement is filtered out; importGraph's arrives.
  await addStatement(rubio);
  expected.push(await importStatement(peskov.name));
  if (!(await eventCount(expected.length, 15000))) {
    throw new Error(`expected ${expected.length} events within 15 s; got ${JSON.stringify(events)}`);
  }
  await new Promise((resolve) => setTimeout(resolve, 500));

  const texts = events.map((e) => e.data?.statementAdded?.text);
  const speakers = new Set(events.map((e) => e.data?.statementAdded?.speaker?.id));
  if (events.some((e) => e.errors)) throw new Error(`events with errors: ${JSON.stringify(events)}`);
  if (JSON.stringify(texts) !== JSON.stringify(expected) || speakers.size !== 1 || !speakers.has(peskov.id)) {
    throw new Error(`expected statements ${JSON.stringify(expected)} by ${peskov.name}; got ${JSON.stringify(events)}`);
  }
  console.log(`graphql-ws client: ${events.length} statementAdded events (addStatement and importGraph), filtered by speaker`);
} finally {
  dispose();
  await client.dispose();
}
