// Place: a refetchable fragment of its fields, and one pagination
// fragment (refetchable, with @connection) for each of its lists.
import { graphql } from 'relay-runtime';

export const place = graphql`
  fragment Place_place on Place @refetchable(queryName: "PlaceRefetchQuery") {
    id
    name
    aliases
    description
    wikidataId
    createdAt
    updatedAt
    version
    kind
    parent { id name }
    latitude
    longitude
    ...PlaceAddressedIn_place
    ...PlaceMentionedIn_place
    ...PlaceFinancialMeasuresGiven_place
    ...PlaceFinancialMeasuresReceived_place
    ...PlaceFinancialMeasuresSecured_place
    ...PlaceChildren_place
    ...PlaceEvents_place
    ...PlaceStatements_place
    ...PlaceOrganisations_place
  }
`;

export const placeAddressedIn = graphql`
  fragment PlaceAddressedIn_place on Place
  @refetchable(queryName: "PlaceAddressedInPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    addressedIn(first: $count, after: $cursor) @connection(key: "PlaceAddressedIn_place_addressedIn") {
      totalCount
      edges { cursor node { id text } }
    }
  }
`;

export const placeMentionedIn = graphql`
  fragment PlaceMentionedIn_place on Place
  @refetchable(queryName: "PlaceMentionedInPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    mentionedIn(first: $count, after: $cursor) @connection(key: "PlaceMentionedIn_place_mentionedIn") {
      totalCount
      edges { cursor node { id text } }
    }
  }
`;

export const placeFinancialMeasuresGiven = graphql`
  fragment PlaceFinancialMeasuresGiven_place on Place
  @refetchable(queryName: "PlaceFinancialMeasuresGivenPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    financialMeasuresGiven(first: $count, after: $cursor) @connection(key: "PlaceFinancialMeasuresGiven_place_financialMeasuresGiven") {
      totalCount
      edges { cursor node { id label } }
    }
  }
`;

export const placeFinancialMeasuresReceived = graphql`
  fragment PlaceFinancialMeasuresReceived_place on Place
  @refetchable(queryName: "PlaceFinancialMeasuresReceivedPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    financialMeasuresReceived(first: $count, after: $cursor) @connection(key: "PlaceFinancialMeasuresReceived_place_financialMeasuresReceived") {
      totalCount
      edges { cursor node { id label } }
    }
  }
`;

export const placeFinancialMeasuresSecured = graphql`
  fragment PlaceFinancialMeasuresSecured_place on Place
  @refetchable(queryName: "PlaceFinancialMeasuresSecuredPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    financialMeasuresSecured(first: $count, after: $cursor) @connection(key: "PlaceFinancialMeasuresSecured_place_financialMeasuresSecured") {
      totalCount
      edges { cursor node { id label } }
    }
  }
`;

export const placeChildren = graphql`
  fragment PlaceChildren_place on Place
  @refetchable(queryName: "PlaceChildrenPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    children(first: $count, after: $cursor) @connection(key: "PlaceChildren_place_children") {
      totalCount
      edges { cursor node { id name } }
    }
  }
`;

export const placeEvents = graphql`
  fragment PlaceEvents_place on Place
  @refetchable(queryName: "PlaceEventsPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    events(first: $count, after: $cursor) @connection(key: "PlaceEvents_place_events") {
      totalCount
      edges { cursor node { id label } }
    }
  }
`;

export const placeStatements = graphql`
  fragment PlaceStatements_place on Place
  @refetchable(queryName: "PlaceStatementsPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    statements(first: $count, after: $cursor) @connection(key: "PlaceStatements_place_statements") {
      totalCount
      edges { cursor node { id text } }
    }
  }
`;

export const placeOrganisations = graphql`
  fragment PlaceOrganisations_place on Place
  @refetchable(queryName: "PlaceOrganisationsPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }) {
    organisations(first: $count, after: $cursor) @connection(key: "PlaceOrganisations_place_organisations") {
      totalCount
      edges { cursor node { id name } }
    }
  }
`;
