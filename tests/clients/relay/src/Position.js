// Position: no Node, so its statements page from the positions
// (IssuePositions_issue), with @connection but no query of their own.
import { graphql } from 'relay-runtime';

export const positionStatements = graphql`
  fragment PositionStatements_position on Position
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    statements(first: $count, after: $cursor) @connection(key: "PositionStatements_position_statements") {
      totalCount
      edges { cursor node { id text } }
    }
  }
`;
