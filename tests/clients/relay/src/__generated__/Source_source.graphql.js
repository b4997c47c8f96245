/**
 * @generated SignedSource<<b654adbe68eec069ce4a837b69f1649e>>
 * @lightSyntaxTransform
 */

/* eslint-disable */

'use strict';

import SourceRefetchQuery_graphql from './SourceRefetchQuery.graphql';

var node = {
  "argumentDefinitions": [],
  "kind": "Fragment",
  "metadata": {
    "refetch": {
      "connection": null,
      "fragmentPathInResult": [
        "node"
      ],
      "operation": SourceRefetchQuery_graphql,
      "identifierInfo": {
        "identifierField": "id",
        "identifierQueryVariableName": "id"
      }
    }
  },
  "name": "Source_source",
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
      "name": "key",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "url",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "title",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "publisher",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "publishedOn",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "language",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "text",
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
      "name": "SourceStatements_source"
    },
    {
      "args": null,
      "kind": "FragmentSpread",
      "name": "SourceFinancialMeasures_source"
    },
    {
      "args": null,
      "kind": "FragmentSpread",
      "name": "SourceEvents_source"
    },
    {
      "args": null,
      "kind": "FragmentSpread",
      "name": "SourceRoles_source"
    },
    {
      "args": null,
      "kind": "FragmentSpread",
      "name": "SourceRelations_source"
    }
  ],
  "type": "Source",
  "abstractKey": null
};

node.hash = "5b922cc7b2fba261b179d1f3ac0977d2";

export default node;
