// The root: one pagination fragment (refetchable, with @connection) per
// root list, and the queries an app starts from.
import { graphql } from 'relay-runtime';

export const querySearch = graphql`
  fragment QuerySearch_query on Query
  @refetchable(queryName: "QuerySearchPaginationQuery")
  @argumentDefinitions(query: { type: "String!" }, count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    search(query: $query, first: $count, after: $cursor) @connection(key: "QuerySearch_query_search") {
      totalCount
      edges { cursor node { node { __typename ... on Person { id name } ... on Organisation { id name } ... on Place { id name } ... on Issue { id name } ... on Statement { id text } } score field text highlighted highlights { start end } } }
    }
  }
`;

export const queryPeople = graphql`
  fragment QueryPeople_query on Query
  @refetchable(queryName: "QueryPeoplePaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    people(first: $count, after: $cursor) @connection(key: "QueryPeople_query_people") {
      totalCount
      edges { cursor node { id name } }
    }
  }
`;

export const queryOrganisations = graphql`
  fragment QueryOrganisations_query on Query
  @refetchable(queryName: "QueryOrganisationsPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    organisations(first: $count, after: $cursor) @connection(key: "QueryOrganisations_query_organisations") {
      totalCount
      edges { cursor node { id name } }
    }
  }
`;

export const queryPlaces = graphql`
  fragment QueryPlaces_query on Query
  @refetchable(queryName: "QueryPlacesPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    places(first: $count, after: $cursor) @connection(key: "QueryPlaces_query_places") {
      totalCount
      edges { cursor node { id name } }
    }
  }
`;

export const queryIssues = graphql`
  fragment QueryIssues_query on Query
  @refetchable(queryName: "QueryIssuesPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    issues(first: $count, after: $cursor) @connection(key: "QueryIssues_query_issues") {
      totalCount
      edges { cursor node { id name } }
    }
  }
`;

export const queryStatements = graphql`
  fragment QueryStatements_query on Query
  @refetchable(queryName: "QueryStatementsPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    statements(first: $count, after: $cursor) @connection(key: "QueryStatements_query_statements") {
      totalCount
      edges { cursor node { id text } }
    }
  }
`;

export const queryRoles = graphql`
  fragment QueryRoles_query on Query
  @refetchable(queryName: "QueryRolesPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    roles(first: $count, after: $cursor) @connection(key: "QueryRoles_query_roles") {
      totalCount
      edges { cursor node { id title } }
    }
  }
`;

export const queryRelations = graphql`
  fragment QueryRelations_query on Query
  @refetchable(queryName: "QueryRelationsPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    relations(first: $count, after: $cursor) @connection(key: "QueryRelations_query_relations") {
      totalCount
      edges { cursor node { id kind } }
    }
  }
`;

export const queryFinancialMeasures = graphql`
  fragment QueryFinancialMeasures_query on Query
  @refetchable(queryName: "QueryFinancialMeasuresPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    financialMeasures(first: $count, after: $cursor) @connection(key: "QueryFinancialMeasures_query_financialMeasures") {
      totalCount
      edges { cursor node { id label } }
    }
  }
`;

export const queryEvents = graphql`
  fragment QueryEvents_query on Query
  @refetchable(queryName: "QueryEventsPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    events(first: $count, after: $cursor) @connection(key: "QueryEvents_query_events") {
      totalCount
      edges { cursor node { id label } }
    }
  }
`;

export const querySources = graphql`
  fragment QuerySources_query on Query
  @refetchable(queryName: "QuerySourcesPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    sources(first: $count, after: $cursor) @connection(key: "QuerySources_query_sources") {
      totalCount
      edges { cursor node { id title } }
    }
  }
`;

export const lists = graphql`
  query QueryListsQuery($search: String!) {
    ...QuerySearch_query @arguments(query: $search)
    ...QueryPeople_query
    ...QueryOrganisations_query
    ...QueryPlaces_query
    ...QueryIssues_query
    ...QueryStatements_query
    ...QueryRoles_query
    ...QueryRelations_query
    ...QueryFinancialMeasures_query
    ...QueryEvents_query
    ...QuerySources_query
  }
`;
