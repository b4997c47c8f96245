// Person: a refetchable fragment of its fields, and one pagination
// fragment (refetchable, with @connection) for each of its lists.
import { graphql } from 'relay-runtime';

export const person = graphql`
  fragment Person_person on Person @refetchable(queryName: "PersonRefetchQuery") {
    id
    name
    aliases
    description
    wikidataId
    createdAt
    updatedAt
    version
    ...PersonAddressedIn_person
    ...PersonMentionedIn_person
    ...PersonFinancialMeasuresGiven_person
    ...PersonFinancialMeasuresReceived_person
    ...PersonFinancialMeasuresSecured_person
    ...PersonStatements_person
    ...PersonRoles_person
    ...PersonRelations_person
    ...PersonEvents_person
  }
`;

export const personAddressedIn = graphql`
  fragment PersonAddressedIn_person on Person
  @refetchable(queryName: "PersonAddressedInPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    addressedIn(first: $count, after: $cursor) @connection(key: "PersonAddressedIn_person_addressedIn") {
      totalCount
      edges { cursor node { id text } }
    }
  }
`;

export const personMentionedIn = graphql`
  fragment PersonMentionedIn_person on Person
  @refetchable(queryName: "PersonMentionedInPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    mentionedIn(first: $count, after: $cursor) @connection(key: "PersonMentionedIn_person_mentionedIn") {
      totalCount
      edges { cursor node { id text } }
    }
  }
`;

export const personFinancialMeasuresGiven = graphql`
  fragment PersonFinancialMeasuresGiven_person on Person
  @refetchable(queryName: "PersonFinancialMeasuresGivenPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    financialMeasuresGiven(first: $count, after: $cursor) @connection(key: "PersonFinancialMeasuresGiven_person_financialMeasuresGiven") {
      totalCount
      edges { cursor node { id label } }
    }
  }
`;

export const personFinancialMeasuresReceived = graphql`
  fragment PersonFinancialMeasuresReceived_person on Person
  @refetchable(queryName: "PersonFinancialMeasuresReceivedPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    financialMeasuresReceived(first: $count, after: $cursor) @connection(key: "PersonFinancialMeasuresReceived_person_financialMeasuresReceived") {
      totalCount
      edges { cursor node { id label } }
    }
  }
`;

export const personFinancialMeasuresSecured = graphql`
  fragment PersonFinancialMeasuresSecured_person on Person
  @refetchable(queryName: "PersonFinancialMeasuresSecuredPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    financialMeasuresSecured(first: $count, after: $cursor) @connection(key: "PersonFinancialMeasuresSecured_person_financialMeasuresSecured") {
      totalCount
      edges { cursor node { id label } }
    }
  }
`;

export const personStatements = graphql`
  fragment PersonStatements_person on Person
  @refetchable(queryName: "PersonStatementsPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    statements(first: $count, after: $cursor) @connection(key: "PersonStatements_person_statements") {
      totalCount
      edges { cursor node { id text } }
    }
  }
`;

export const personRoles = graphql`
  fragment PersonRoles_person on Person
  @refetchable(queryName: "PersonRolesPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    roles(first: $count, after: $cursor) @connection(key: "PersonRoles_person_roles") {
      totalCount
      edges { cursor node { id title } }
    }
  }
`;

export const personRelations = graphql`
  fragment PersonRelations_person on Person
  @refetchable(queryName: "PersonRelationsPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    relations(first: $count, after: $cursor) @connection(key: "PersonRelations_person_relations") {
      totalCount
      edges { cursor node { id kind } }
    }
  }
`;

export const personEvents = graphql`
  fragment PersonEvents_person on Person
  @refetchable(queryName: "PersonEventsPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    events(first: $count, after: $cursor) @connection(key: "PersonEvents_person_events") {
      totalCount
      edges { cursor node { id label } }
    }
  }
`;
