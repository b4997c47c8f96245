// GraphQL over HTTP: the audit suite of the `graphql-http` package, the
// reference implementation of the spec, against POST and GET /graphql.
// Fails if any MUST or SHOULD audit fails; MAY audits that fail are
// listed (the README says which newsgraph leaves out, and why).
import { auditServer } from 'graphql-http';

const url = `${process.env.NEWSGRAPH_URL}/graphql`;
const results = await auditServer({ url });

const failing = results.filter((r) => r.status === 'error' || r.status === 'warn');
const notices = results.filter((r) => r.status === 'notice');
for (const r of notices) console.log(`note: ${r.id} ${r.name}: ${r.reason}`);
for (const r of failing) {
  let body = '';
  try {
    body = await r.response.text();
  } catch {
    // The audit read the body already.
  }
  console.log(`failed: ${r.id} ${r.name}: ${r.reason}\n    status ${r.response.status}, ${body.slice(0, 300)}`);
}
const ok = results.length - failing.length - notices.length;
console.log(
  `graphql-http audit: ${ok} of ${results.length} passed, ${failing.length} MUST/SHOULD failing, ` +
    `${notices.length} MAY not followed${notices.length ? ` (${notices.map((r) => r.id).join(', ')})` : ''}`,
);
process.exit(failing.length ? 1 : 0);
