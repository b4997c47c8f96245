// Organisation: a refetchable fragment of its fields, and one pagination
// fragment (refetchable, with @connection) for each of its lists.
import { graphql } from 'relay-runtime';

export const organisation = graphql`
  fragment Organisation_organisation on Organisation @refetchable(queryName: "OrganisationRefetchQuery") {
    id
    name
    aliases
    description
    wikidataId
    createdAt
    updatedAt
    version
    kind
    country { id name }
    ...OrganisationAddressedIn_organisation
    ...OrganisationMentionedIn_organisation
    ...OrganisationFinancialMeasuresGiven_organisation
    ...OrganisationFinancialMeasuresReceived_organisation
    ...OrganisationFinancialMeasuresSecured_organisation
    ...OrganisationStatements_organisation
    ...OrganisationMembers_organisation
    ...OrganisationEvents_organisation
  }
`;

export const organisationAddressedIn = graphql`
  fragment OrganisationAddressedIn_organisation on Organisation
  @refetchable(queryName: "OrganisationAddressedInPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    addressedIn(first: $count, after: $cursor) @connection(key: "OrganisationAddressedIn_organisation_addressedIn") {
      totalCount
      edges { cursor node { id text } }
    }
  }
`;

export const organisationMentionedIn = graphql`
  fragment OrganisationMentionedIn_organisation on Organisation
  @refetchable(queryName: "OrganisationMentionedInPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    mentionedIn(first: $count, after: $cursor) @connection(key: "OrganisationMentionedIn_organisation_mentionedIn") {
      totalCount
      edges { cursor node { id text } }
    }
  }
`;

export const organisationFinancialMeasuresGiven = graphql`
  fragment OrganisationFinancialMeasuresGiven_organisation on Organisation
  @refetchable(queryName: "OrganisationFinancialMeasuresGivenPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    financialMeasuresGiven(first: $count, after: $cursor) @connection(key: "OrganisationFinancialMeasuresGiven_organisation_financialMeasuresGiven") {
      totalCount
      edges { cursor node { id label } }
    }
  }
`;

export const organisationFinancialMeasuresReceived = graphql`
  fragment OrganisationFinancialMeasuresReceived_organisation on Organisation
  @refetchable(queryName: "OrganisationFinancialMeasuresReceivedPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    financialMeasuresReceived(first: $count, after: $cursor) @connection(key: "OrganisationFinancialMeasuresReceived_organisation_financialMeasuresReceived") {
      totalCount
      edges { cursor node { id label } }
    }
  }
`;

export const organisationFinancialMeasuresSecured = graphql`
  fragment OrganisationFinancialMeasuresSecured_organisation on Organisation
  @refetchable(queryName: "OrganisationFinancialMeasuresSecuredPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    financialMeasuresSecured(first: $count, after: $cursor) @connection(key: "OrganisationFinancialMeasuresSecured_organisation_financialMeasuresSecured") {
      totalCount
      edges { cursor node { id label } }
    }
  }
`;

export const organisationStatements = graphql`
  fragment OrganisationStatements_organisation on Organisation
  @refetchable(queryName: "OrganisationStatementsPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    statements(first: $count, after: $cursor) @connection(key: "OrganisationStatements_organisation_statements") {
      totalCount
      edges { cursor node { id text } }
    }
  }
`;

export const organisationMembers = graphql`
  fragment OrganisationMembers_organisation on Organisation
  @refetchable(queryName: "OrganisationMembersPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    members(first: $count, after: $cursor) @connection(key: "OrganisationMembers_organisation_members") {
      totalCount
      edges { cursor node { id title } }
    }
  }
`;

export const organisationEvents = graphql`
  fragment OrganisationEvents_organisation on Organisation
  @refetchable(queryName: "OrganisationEventsPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    events(first: $count, after: $cursor) @connection(key: "OrganisationEvents_organisation_events") {
      totalCount
      edges { cursor node { id label } }
    }
  }
`;
