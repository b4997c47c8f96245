// Source: a refetchable fragment of its fields, and one pagination
// fragment (refetchable, with @connection) for each of its lists.
import { graphql } from 'relay-runtime';

export const source = graphql`
  fragment Source_source on Source @refetchable(queryName: "SourceRefetchQuery") {
    id
    key
    url
    title
    publisher
    publishedOn
    language
    text
    createdAt
    updatedAt
    version
    ...SourceStatements_source
    ...SourceFinancialMeasures_source
    ...SourceEvents_source
    ...SourceRoles_source
    ...SourceRelations_source
  }
`;

export const sourceStatements = graphql`
  fragment SourceStatements_source on Source
  @refetchable(queryName: "SourceStatementsPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    statements(first: $count, after: $cursor) @connection(key: "SourceStatements_source_statements") {
      totalCount
      edges { cursor node { id text } }
    }
  }
`;

export const sourceFinancialMeasures = graphql`
  fragment SourceFinancialMeasures_source on Source
  @refetchable(queryName: "SourceFinancialMeasuresPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    financialMeasures(first: $count, after: $cursor) @connection(key: "SourceFinancialMeasures_source_financialMeasures") {
      totalCount
      edges { cursor node { id label } }
    }
  }
`;

export const sourceEvents = graphql`
  fragment SourceEvents_source on Source
  @refetchable(queryName: "SourceEventsPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    events(first: $count, after: $cursor) @connection(key: "SourceEvents_source_events") {
      totalCount
      edges { cursor node { id label } }
    }
  }
`;

export const sourceRoles = graphql`
  fragment SourceRoles_source on Source
  @refetchable(queryName: "SourceRolesPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    roles(first: $count, after: $cursor) @connection(key: "SourceRoles_source_roles") {
      totalCount
      edges { cursor node { id title } }
    }
  }
`;

export const sourceRelations = graphql`
  fragment SourceRelations_source on Source
  @refetchable(queryName: "SourceRelationsPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    relations(first: $count, after: $cursor) @connection(key: "SourceRelations_source_relations") {
      totalCount
      edges { cursor node { id kind } }
    }
  }
`;
