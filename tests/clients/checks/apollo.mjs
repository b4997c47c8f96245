// A real client: Apollo Client, as a front-end would set it up (an
// InMemoryCache told the schema's possible types, as Apollo asks of every
// schema with interfaces and unions, and an HttpLink; nothing else
// configured), runs the nine example queries of the playground through its
// normalised cache.
// Fails on any warning or error Apollo logs ("Missing field ...", "Cache
// data may be lost ..."). Then, with EverythingPeskovSaid watched, it
// corrects one of Peskov's statements through the API, refetches the
// statement by `node(id:)`, and expects the watched query to show the new
// text from the cache; finally it puts the text back.
//
// NEWSGRAPH_URL: the server, seeded (http://127.0.0.1:PORT).
// NEWSGRAPH_WRITE_TOKEN: a write token the server knows.

import { readdir, readFile } from "node:fs/promises";
import { format, isDeepStrictEqual } from "node:util";
import { buildSchema, isAbstractType } from "graphql";

const base = process.env.NEWSGRAPH_URL ?? fail("NEWSGRAPH_URL is not set");
const token = process.env.NEWSGRAPH_WRITE_TOKEN ?? fail("NEWSGRAPH_WRITE_TOKEN is not set");
const endpoint = new URL("/graphql", base).toString();
const examples = new URL("../../../api/src/http/playground/", import.meta.url);

function fail(message) {
  console.error(`apollo: ${message}`);
  process.exit(1);
}

function check(condition, message) {
  if (!condition) fail(message);
}

// Apollo warns only in development mode, which it reads from this global
// when the module loads: set it first, then load Apollo.
globalThis.__DEV__ = true;
const logged = [];
let quiet = false;
for (const level of ["warn", "error"]) {
  const original = console[level].bind(console);
  console[level] = (...args) => {
    logged.push(`console.${level}: ${format(...args)}`);
    if (!quiet) original(...args);
  };
}
const { ApolloClient, InMemoryCache, HttpLink, gql } = await import("@apollo/client");
const { loadDevMessages, loadErrorMessages } = await import("@apollo/client/dev");
loadDevMessages();
loadErrorMessages();

// The capture works: an incomplete result in a cache of its own warns.
quiet = true;
new InMemoryCache().writeQuery({ query: gql`{ canary unwritten }`, data: { canary: 1 } });
quiet = false;
check(
  logged.some((line) => line.includes("Missing field")),
  `Apollo's warnings are not being captured (development mode is off?): ${logged}`,
);
logged.length = 0;

// Which operations went to the server, and what it sent before the cache
// had it.
const requested = [];
const received = [];
async function recording(url, init) {
  requested.push(JSON.parse(init.body).operationName);
  const response = await fetch(url, init);
  received.push(await response.clone().json());
  return response;
}
// The types each interface and union stands for, from the committed schema,
// as graphql-codegen's possible-types plugin would write them.
const schema = buildSchema(await readFile(new URL("../../../schema.graphql", import.meta.url), "utf8"));
const possibleTypes = Object.fromEntries(
  Object.values(schema.getTypeMap())
    .filter(isAbstractType)
    .map((type) => [type.name, schema.getPossibleTypes(type).map((t) => t.name)]),
);
const cache = new InMemoryCache({ possibleTypes });
const client = new ApolloClient({ cache, link: new HttpLink({ uri: endpoint, fetch: recording }) });

// Every example, as the playground has it.
const files = (await readdir(examples)).filter((f) => f.endsWith(".graphql")).sort();
check(files.length === 9, `nine example queries expected in ${examples.pathname}: ${files}`);
const results = {};
for (const file of files) {
  const query = gql(await readFile(new URL(file, examples), "utf8"));
  const name = query.definitions[0].name.value;
  received.length = 0;
  const { data, error } = await client.query({ query, fetchPolicy: "network-only" });
  check(!error, `${name} failed: ${error}`);
  // The cache gives back, without the network, what the server sent.
  const sent = received[0]?.data;
  const cached = client.readQuery({ query });
  check(
    isDeepStrictEqual(cached, sent) && isDeepStrictEqual(data, sent),
    `${name} reads back from the cache differently:\n${JSON.stringify(cached)}\n${JSON.stringify(sent)}`,
  );
  results[name] = { query, data };
}
check(logged.length === 0, `Apollo warned while running the examples:\n  ${logged.join("\n  ")}`);

// Normalised: Peskov and his statements are each one cache entry, by id.
const peskov = results.EverythingPeskovSaid.data.people.nodes[0];
check(peskov?.name === "Dmitry Peskov", `EverythingPeskovSaid found ${JSON.stringify(peskov)}`);
const said = peskov.statements.nodes[0];
const statementKey = cache.identify(said);
check(statementKey === `Statement:${said.id}`, `the statement's cache id is ${statementKey}`);
const entry = cache.extract()[statementKey];
check(entry?.text === said.text, `no cache entry ${statementKey} with the statement's text: ${JSON.stringify(entry)}`);
check(
  cache.identify(peskov) === `Person:${peskov.id}` && cache.extract()[`Person:${peskov.id}`]?.name === peskov.name,
  `Peskov is not one cache entry by his id`,
);

// The watched query follows a refetch of one of its objects by `node(id:)`.
const watched = client.watchQuery({ query: results.EverythingPeskovSaid.query });
const seen = [];
const subscription = watched.subscribe((result) => seen.push(result.data));
const NODE = gql`
  query Statement($id: ID!) {
    node(id: $id) { id ... on Statement { version text } }
  }
`;

async function write(query, variables) {
  const response = await fetch(endpoint, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  check(response.ok && !body.errors, `the write failed (${response.status}): ${JSON.stringify(body)}`);
  return body.data;
}

async function correct(text) {
  const { data } = await client.query({ query: NODE, variables: { id: said.id }, fetchPolicy: "network-only" });
  await write(
    `mutation($id: ID!, $version: Int!, $text: String!) {
      updateStatement(id: $id, version: $version, input: { text: $text }) { id version }
    }`,
    { id: said.id, version: data.node.version, text },
  );
  const refetched = await client.query({ query: NODE, variables: { id: said.id }, fetchPolicy: "network-only" });
  check(refetched.data.node.text === text, `node(id:) answered ${JSON.stringify(refetched.data)}`);
  // The watched query's next result comes from the cache, with no request.
  const deadline = Date.now() + 5_000;
  const shows = () => seen.at(-1)?.people.nodes[0].statements.nodes.some((s) => s.id === said.id && s.text === text);
  while (!shows() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  check(shows(), `the watched EverythingPeskovSaid does not show "${text}": ${JSON.stringify(seen.at(-1))}`);
  check(
    requested.filter((name) => name === "EverythingPeskovSaid").length === 1,
    `EverythingPeskovSaid went to the server again: ${requested}`,
  );
  const fromCache = client.readQuery({ query: results.EverythingPeskovSaid.query });
  check(
    fromCache.people.nodes[0].statements.nodes.find((s) => s.id === said.id)?.text === text,
    `the cached EverythingPeskovSaid does not hold "${text}"`,
  );
}

await correct(`${said.text} (corrected by the Apollo check)`);
await correct(said.text);
subscription.unsubscribe();
client.stop();
check(logged.length === 0, `Apollo warned:\n  ${logged.join("\n  ")}`);
console.log(
  `apollo: ok: ${files.length} examples through InMemoryCache without a warning; ` +
    `${statementKey} refetched by node(id:) updated the watched EverythingPeskovSaid`,
);
