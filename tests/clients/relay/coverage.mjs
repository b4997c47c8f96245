// Checks that the Relay documents in src/ cover the schema: a @refetchable
// fragment on every kind of Node, and @connection on every field that
// returns a connection. relay-compiler checks that they are valid; this
// checks that none is missing when the schema grows.
import fs from 'node:fs';
import path from 'node:path';
import {
  TypeInfo,
  buildSchema,
  getNamedType,
  isObjectType,
  parse,
  visit,
  visitWithTypeInfo,
} from 'graphql';

const here = path.dirname(new URL(import.meta.url).pathname);
const schema = buildSchema(fs.readFileSync(path.join(here, '../../../schema.graphql'), 'utf8'));
const typeInfo = new TypeInfo(schema);
const refetchable = new Set();
const connections = new Set();

for (const file of fs.readdirSync(path.join(here, 'src')).filter((f) => f.endsWith('.js'))) {
  const text = fs.readFileSync(path.join(here, 'src', file), 'utf8');
  for (const [, document] of text.matchAll(/graphql`([^`]*)`/g)) {
    visit(
      parse(document),
      visitWithTypeInfo(typeInfo, {
        FragmentDefinition(node) {
          if (node.directives.some((d) => d.name.value === 'refetchable')) {
            refetchable.add(node.typeCondition.name.value);
          }
        },
        Field(node) {
          if (node.directives.some((d) => d.name.value === 'connection')) {
            connections.add(`${typeInfo.getParentType()}.${node.name.value}`);
          }
        },
      }),
    );
  }
}

const missing = [];
const kinds = schema.getPossibleTypes(schema.getType('Node'));
for (const kind of kinds) {
  if (!refetchable.has(kind.name)) missing.push(`a @refetchable fragment on ${kind.name}`);
}
for (const type of Object.values(schema.getTypeMap())) {
  if (!isObjectType(type) || type.name.startsWith('__')) continue;
  for (const field of Object.values(type.getFields())) {
    const name = `${type.name}.${field.name}`;
    if (getNamedType(field.type).name.endsWith('Connection') && !connections.has(name)) {
      missing.push(`@connection on ${name}`);
    }
  }
}

if (missing.length > 0) {
  console.error(`The Relay documents in tests/clients/relay/src miss:\n  ${missing.join('\n  ')}`);
  process.exit(1);
}
console.log(
  `Relay documents: a @refetchable fragment on each of ${kinds.length} node kinds, @connection on each of ${connections.size} lists`,
);
