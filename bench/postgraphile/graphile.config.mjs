// PostGraphile 5 over the benchmark's PostgreSQL database: the Amber preset
// as it comes, with GraphQL over GET switched on so that the load generator
// can send the same URL-encoded queries to it as to newsgraph. bench/run
// starts it with DATABASE_URL and PORT set.
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { makePgService } from "postgraphile/adaptors/pg";

/** @type {GraphileConfig.Preset} */
export default {
  extends: [PostGraphileAmberPreset],
  pgServices: [
    makePgService({
      connectionString: process.env.DATABASE_URL,
      schemas: ["public"],
    }),
  ],
  grafserv: {
    host: "127.0.0.1",
    port: Number(process.env.PORT ?? 5678),
    graphqlOverGET: true,
    graphiql: false,
    watch: false,
  },
  grafast: { explain: false },
};
