/**
 * @generated SignedSource<<a2be5d7f858ca5de97c12fb46386340f>>
 * @lightSyntaxTransform
 */

/* eslint-disable */

'use strict';

import IssueRefetchQuery_graphql from './IssueRefetchQuery.graphql';

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
      "operation": IssueRefetchQuery_graphql,
      "identifierInfo": {
        "identifierField": "id",
        "identifierQueryVariableName": "id"
      }
    }
  },
  "name": "Issue_issue",
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
      "concreteType": "Issue",
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
      "name": "IssuePositions_issue"
    },
    {
      "args": null,
      "kind": "FragmentSpread",
      "name": "IssueChildren_issue"
    },
    {
      "args": null,
      "kind": "FragmentSpread",
      "name": "IssueStatements_issue"
    },
    {
      "args": null,
      "kind": "FragmentSpread",
      "name": "IssueFinancialMeasures_issue"
    },
    {
      "args": null,
      "kind": "FragmentSpread",
      "name": "IssueFinancialMeasuresSecured_issue"
    }
  ],
  "type": "Issue",
  "abstractKey": null
};
})();

node.hash = "b66615ab609922b7ff3fa622a2fc5104";

export default node;
