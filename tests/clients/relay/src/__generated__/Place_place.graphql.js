/**
 * @generated SignedSource<<344d3673a3d8e73f00c8723f0f568c36>>
 * @lightSyntaxTransform
 */

/* eslint-disable */

'use strict';

import PlaceRefetchQuery_graphql from './PlaceRefetchQuery.graphql';

var node = (function(){
var v0 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "id",
  "storageKey": null
},
v1 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "name",
  "storageKey": null
};
return {
  "argumentDefinitions": [],
  "kind": "Fragment",
  "metadata": {
    "refetch": {
      "connection": null,
      "fragmentPathInResult": [
        "node"
      ],
      "operation": PlaceRefetchQuery_graphql,
      "identifierInfo": {
        "identifierField": "id",
        "identifierQueryVariableName": "id"
      }
    }
  },
  "name": "Place_place",
  "selections": [
    (v0/*:: as any*/),
    (v1/*:: as any*/),
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
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "kind",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "concreteType": "Place",
      "kind": "LinkedField",
      "name": "parent",
      "plural": false,
      "selections": [
        (v0/*:: as any*/),
        (v1/*:: as any*/)
      ],
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "latitude",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "longitude",
      "storageKey": null
    },
    {
      "args": null,
      "kind": "FragmentSpread",
      "name": "PlaceAddressedIn_place"
    },
    {
      "args": null,
      "kind": "FragmentSpread",
      "name": "PlaceMentionedIn_place"
    },
    {
      "args": null,
      "kind": "FragmentSpread",
      "name": "PlaceFinancialMeasuresGiven_place"
    },
    {
      "args": null,
      "kind": "FragmentSpread",
      "name": "PlaceFinancialMeasuresReceived_place"
    },
    {
      "args": null,
      "kind": "FragmentSpread",
      "name": "PlaceFinancialMeasuresSecured_place"
    },
    {
      "args": null,
      "kind": "FragmentSpread",
      "name": "PlaceChildren_place"
    },
    {
      "args": null,
      "kind": "FragmentSpread",
      "name": "PlaceEvents_place"
    },
    {
      "args": null,
      "kind": "FragmentSpread",
      "name": "PlaceStatements_place"
    },
    {
      "args": null,
      "kind": "FragmentSpread",
      "name": "PlaceOrganisations_place"
    }
  ],
  "type": "Place",
  "abstractKey": null
};
})();

node.hash = "adcbde0084b36fa1710341304823c7c7";

export default node;
