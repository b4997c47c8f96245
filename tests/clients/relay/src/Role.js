// Role: a refetchable fragment of its fields, and one pagination
// fragment (refetchable, with @connection) for each of its lists.
import { graphql } from 'relay-runtime';

export const role = graphql`
  fragment Role_role on Role @refetchable(queryName: "RoleRefetchQuery") {
    id
    title
    person { id name }
    organisation { id name }
    since { date precision text }
    until { date precision text }
    evidence { source { id title } start end excerpt confidence curated }
    createdAt
    updatedAt
    version
    ...RoleStatements_role
  }
`;

export const roleStatements = graphql`
  fragment RoleStatements_role on Role
  @refetchable(queryName: "RoleStatementsPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    statements(first: $count, after: $cursor) @connection(key: "RoleStatements_role_statements") {
      totalCount
      edges { cursor node { id text } }
    }
  }
`;
