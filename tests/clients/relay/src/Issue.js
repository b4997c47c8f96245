// Issue: a refetchable fragment of its fields, and one pagination
// fragment (refetchable, with @connection) for each of its lists.
import { graphql } from 'relay-runtime';

export const issue = graphql`
  fragment Issue_issue on Issue @refetchable(queryName: "IssueRefetchQuery") {
    id
    name
    aliases
    description
    wikidataId
    parent { id name }
    createdAt
    updatedAt
    version
    ...IssuePositions_issue
    ...IssueChildren_issue
    ...IssueStatements_issue
    ...IssueFinancialMeasures_issue
    ...IssueFinancialMeasuresSecured_issue
  }
`;

export const issuePositions = graphql`
  fragment IssuePositions_issue on Issue
  @refetchable(queryName: "IssuePositionsPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    positions(first: $count, after: $cursor) @connection(key: "IssuePositions_issue_positions") {
      totalCount
      edges {
        cursor
        node {
          actor { __typename id name }
          stance
          firstSaidOn { date precision text }
          lastSaidOn { date precision text }
          ...PositionStatements_position
        }
      }
    }
  }
`;

export const issueChildren = graphql`
  fragment IssueChildren_issue on Issue
  @refetchable(queryName: "IssueChildrenPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    children(first: $count, after: $cursor) @connection(key: "IssueChildren_issue_children") {
      totalCount
      edges { cursor node { id name } }
    }
  }
`;

export const issueStatements = graphql`
  fragment IssueStatements_issue on Issue
  @refetchable(queryName: "IssueStatementsPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    statements(first: $count, after: $cursor) @connection(key: "IssueStatements_issue_statements") {
      totalCount
      edges { cursor node { id text } }
    }
  }
`;

export const issueFinancialMeasures = graphql`
  fragment IssueFinancialMeasures_issue on Issue
  @refetchable(queryName: "IssueFinancialMeasuresPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    financialMeasures(first: $count, after: $cursor) @connection(key: "IssueFinancialMeasures_issue_financialMeasures") {
      totalCount
      edges { cursor node { id label } }
    }
  }
`;

export const issueFinancialMeasuresSecured = graphql`
  fragment IssueFinancialMeasuresSecured_issue on Issue
  @refetchable(queryName: "IssueFinancialMeasuresSecuredPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    financialMeasuresSecured(first: $count, after: $cursor) @connection(key: "IssueFinancialMeasuresSecured_issue_financialMeasuresSecured") {
      totalCount
      edges { cursor node { id label } }
    }
  }
`;
