// Relation: a refetchable fragment of its fields, and one pagination
// fragment (refetchable, with @connection) for each of its lists.
import { graphql } from 'relay-runtime';

export const relation = graphql`
  fragment Relation_relation on Relation @refetchable(queryName: "RelationRefetchQuery") {
    id
    kind
    person { id name }
    relatedPerson { id name }
    evidence { source { id title } start end excerpt confidence curated }
    createdAt
    updatedAt
    version
  }
`;
