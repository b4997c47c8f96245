/**
 * @generated SignedSource<<137e269887bebe4f40ee5d6c932398e7>>
 * @lightSyntaxTransform
 */

/* eslint-disable */

'use strict';

import OrganisationRefetchQuery_graphql from './OrganisationRefetchQuery.graphql';

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
      "operation": OrganisationRefetchQuery_graphql,
      "identifierInfo": {
        "identifierField": "id",
        "identifierQueryVariableName": "id"
      }
    }
  },
  "name": "Organisation_organisation",
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
      "name": "country",
      "plural": false,
      "selections": [
        (v0/*:: as any*/),
        (v1/*:: as any*/)
      ],
      "storageKey": null
    },
    {
      "args": null,
      "kind": "FragmentSpread",
      "name": "OrganisationAddressedIn_organisation"
    },
    {
      "args": null,
      "kind": "FragmentSpread",
      "name": "OrganisationMentionedIn_organisation"
    },
    {
      "args": null,
      "kind": "FragmentSpread",
      "name": "OrganisationFinancialMeasuresGiven_organisation"
    },
    {
      "args": null,
      "kind": "FragmentSpread",
      "name": "OrganisationFinancialMeasuresReceived_organisation"
    },
    {
      "args": null,
      "kind": "FragmentSpread",
      "name": "OrganisationFinancialMeasuresSecured_organisation"
    },
    {
      "args": null,
      "kind": "FragmentSpread",
      "name": "OrganisationStatements_organisation"
    },
    {
      "args": null,
      "kind": "FragmentSpread",
      "name": "OrganisationMembers_organisation"
    },
    {
      "args": null,
      "kind": "FragmentSpread",
      "name": "OrganisationEvents_organisation"
    }
  ],
  "type": "Organisation",
  "abstractKey": null
};
})();

node.hash = "8b4efae109dad2c807e7df1391c7b820";

export default node;
