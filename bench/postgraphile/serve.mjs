// Starts PostGraphile as a library with graphile.config.mjs and prints the
// address it listens on once it is ready, as newsgraph does.
import { createServer } from "node:http";
import { postgraphile } from "postgraphile";
import { grafserv } from "postgraphile/grafserv/node";
import preset from "./graphile.config.mjs";

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
await pgl.getSchema();
const server = createServer();
serv.addTo(server);
const { host, port } = preset.grafserv;
server.listen(port, host, () => console.log(`listening on http://${host}:${server.address().port}`));
const stop = () => server.close(() => pgl.release().then(() => process.exit(0)));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
