/**
 * @generated SignedSource<<9cc699aa514f6b185bf1eab6ead69379>>
 * @lightSyntaxTransform
 */

/* eslint-disable */

'use strict';

import PersonRefetchQuery_graphql from './PersonRefetchQuery.graphql';

var node = {
  "argumentDefinitions": [],
  "kind": "Fragment",
  "metadata": {
    "refetch": {
      "connection": null,
      "fragmentPathInResult": [
        "node"
      ],
      "operation": PersonRefetchQuery_graphql,
      "identifierInfo": {
        "identifierField": "id",
        "identifierQueryVariableName": "id"
      }
    }
  },
  "name": "Person_person",
  "selections": [
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "id",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "name",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "aliases",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "description",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "wikidataId",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "createdAt",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "updatedAt",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "version",
      "storageKey": null
    },
    {
      "args": null,
      "kind": "FragmentSpread",
      "name": "PersonAddressedIn_person"
    },
    {
      "args": null,
      "kind": "FragmentSpread",
      "name": "PersonMentionedIn_person"
    },
    {
      "args": null,
      "kind": "FragmentSpread",
      "name": "PersonFinancialMeasuresGiven_person"
    },
    {
      "args": null,
      "kind": "FragmentSpread",
      "name": "PersonFinancialMeasuresReceived_person"
    },
    {
      "args": null,
      "kind": "FragmentSpread",
      "name": "PersonFinancialMeasuresSecured_person"
    },
    {
      "args": null,
      "kind": "FragmentSpread",
      "name": "PersonStatements_person"
    },
    {
      "args": null,
      "kind": "FragmentSpread",
      "name": "PersonRoles_person"
    },
    {
      "args": null,
      "kind": "FragmentSpread",
      "name": "PersonRelations_person"
    },
    {
      "args": null,
      "kind": "FragmentSpread",
      "name": "PersonEvents_person"
    }
  ],
  "type": "Person",
  "abstractKey": null
};

node.hash = "6ab5d7eefdd18a10e5c597ae8bd4bb89";

export default node;
