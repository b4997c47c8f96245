// The graph questions: the facts behind an edge of a neighbourhood, one
// pagination fragment with @connection (an edge is not a Node, so it is
// paged within the query that found it).
import { graphql } from 'relay-runtime';

export const graphEdgeFacts = graphql`
  fragment GraphEdgeFacts_edge on GraphEdge
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    kind
    weight
    facts(first: $count, after: $cursor) @connection(key: "GraphEdgeFacts_edge_facts") {
      totalCount
      edges { cursor node { __typename id } }
    }
  }
`;

export const graphNeighbourhood = graphql`
  query GraphNeighbourhoodQuery($id: ID!) {
    neighbourhood(id: $id) {
      nodes { __typename id }
      edges { ...GraphEdgeFacts_edge }
    }
  }
`;
