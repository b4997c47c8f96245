/**
 * @generated SignedSource<<722546265c3db801cc04a887a104eeab>>
 * @lightSyntaxTransform
 */

/* eslint-disable */

'use strict';

var node = (function(){
var v0 = [
  {
    "defaultValue": null,
    "kind": "LocalArgument",
    "name": "id"
  }
],
v1 = [
  {
    "kind": "Variable",
    "name": "id",
    "variableName": "id"
  }
],
v2 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "__typename",
  "storageKey": null
},
v3 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "id",
  "storageKey": null
},
v4 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "name",
  "storageKey": null
},
v5 = [
  {
    "kind": "Literal",
    "name": "first",
    "value": 10
  }
],
v6 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "totalCount",
  "storageKey": null
},
v7 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "cursor",
  "storageKey": null
},
v8 = {
  "alias": null,
  "args": null,
  "concreteType": "PageInfo",
  "kind": "LinkedField",
  "name": "pageInfo",
  "plural": false,
  "selections": [
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "endCursor",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "hasNextPage",
      "storageKey": null
    }
  ],
  "storageKey": null
},
v9 = [
  (v6/*:: as any*/),
  {
    "alias": null,
    "args": null,
    "concreteType": "StatementEdge",
    "kind": "LinkedField",
    "name": "edges",
    "plural": true,
    "selections": [
      (v7/*:: as any*/),
      {
        "alias": null,
        "args": null,
        "concreteType": "Statement",
        "kind": "LinkedField",
        "name": "node",
        "plural": false,
        "selections": [
          (v3/*:: as any*/),
          {
            "alias": null,
            "args": null,
            "kind": "ScalarField",
            "name": "text",
            "storageKey": null
          },
          (v2/*:: as any*/)
        ],
        "storageKey": null
      }
    ],
    "storageKey": null
  },
  (v8/*:: as any*/)
],
v10 = [
  (v3/*:: as any*/),
  {
    "alias": null,
    "args": null,
    "kind": "ScalarField",
    "name": "label",
    "storageKey": null
  },
  (v2/*:: as any*/)
],
v11 = [
  (v6/*:: as any*/),
  {
    "alias": null,
    "args": null,
    "concreteType": "FinancialMeasureEdge",
    "kind": "LinkedField",
    "name": "edges",
    "plural": true,
    "selections": [
      (v7/*:: as any*/),
      {
        "alias": null,
        "args": null,
        "concreteType": "FinancialMeasure",
        "kind": "LinkedField",
        "name": "node",
        "plural": false,
        "selections": (v10/*:: as any*/),
        "storageKey": null
      }
    ],
    "storageKey": null
  },
  (v8/*:: as any*/)
],
v12 = [
  (v3/*:: as any*/),
  (v4/*:: as any*/),
  (v2/*:: as any*/)
];
return {
  "fragment": {
    "argumentDefinitions": (v0/*:: as any*/),
    "kind": "Fragment",
    "metadata": null,
    "name": "PlaceRefetchQuery",
    "selections": [
      {
        "alias": null,
        "args": (v1/*:: as any*/),
        "concreteType": null,
        "kind": "LinkedField",
        "name": "node",
        "plural": false,
        "selections": [
          {
            "args": null,
            "kind": "FragmentSpread",
            "name": "Place_place"
          }
        ],
        "storageKey": null
      }
    ],
    "type": "Query",
    "abstractKey": null
  },
  "kind": "Request",
  "operation": {
    "argumentDefinitions": (v0/*:: as any*/),
    "kind": "Operation",
    "name": "PlaceRefetchQuery",
    "selections": [
      {
        "alias": null,
        "args": (v1/*:: as any*/),
        "concreteType": null,
        "kind": "LinkedField",
        "name": "node",
        "plural": false,
        "selections": [
          (v2/*:: as any*/),
          (v3/*:: as any*/),
          {
            "kind": "InlineFragment",
            "selections": [
              (v4/*:: as any*/),
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
                  (v3/*:: as any*/),
                  (v4/*:: as any*/)
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
                "alias": null,
                "args": (v5/*:: as any*/),
                "concreteType": "StatementConnection",
                "kind": "LinkedField",
                "name": "addressedIn",
                "plural": false,
                "selections": (v9/*:: as any*/),
                "storageKey": "addressedIn(first:10)"
              },
              {
                "alias": null,
                "args": (v5/*:: as any*/),
                "filters": null,
                "handle": "connection",
                "key": "PlaceAddressedIn_place_addressedIn",
                "kind": "LinkedHandle",
                "name": "addressedIn"
              },
              {
                "alias": null,
                "args": (v5/*:: as any*/),
                "concreteType": "StatementConnection",
                "kind": "LinkedField",
                "name": "mentionedIn",
                "plural": false,
                "selections": (v9/*:: as any*/),
                "storageKey": "mentionedIn(first:10)"
              },
              {
                "alias": null,
                "args": (v5/*:: as any*/),
                "filters": null,
                "handle": "connection",
                "key": "PlaceMentionedIn_place_mentionedIn",
                "kind": "LinkedHandle",
                "name": "mentionedIn"
              },
              {
                "alias": null,
                "args": (v5/*:: as any*/),
                "concreteType": "FinancialMeasureConnection",
                "kind": "LinkedField",
                "name": "financialMeasuresGiven",
                "plural": false,
                "selections": (v11/*:: as any*/),
                "storageKey": "financialMeasuresGiven(first:10)"
              },
              {
                "alias": null,
                "args": (v5/*:: as any*/),
                "filters": null,
                "handle": "connection",
                "key": "PlaceFinancialMeasuresGiven_place_financialMeasuresGiven",
                "kind": "LinkedHandle",
                "name": "financialMeasuresGiven"
              },
              {
                "alias": null,
                "args": (v5/*:: as any*/),
                "concreteType": "FinancialMeasureConnection",
                "kind": "LinkedField",
                "name": "financialMeasuresReceived",
                "plural": false,
                "selections": (v11/*:: as any*/),
                "storageKey": "financialMeasuresReceived(first:10)"
              },
              {
                "alias": null,
                "args": (v5/*:: as any*/),
                "filters": null,
                "handle": "connection",
                "key": "PlaceFinancialMeasuresReceived_place_financialMeasuresReceived",
                "kind": "LinkedHandle",
                "name": "financialMeasuresReceived"
              },
              {
                "alias": null,
                "args": (v5/*:: as any*/),
                "concreteType": "FinancialMeasureConnection",
                "kind": "LinkedField",
                "name": "financialMeasuresSecured",
                "plural": false,
                "selections": (v11/*:: as any*/),
                "storageKey": "financialMeasuresSecured(first:10)"
              },
              {
                "alias": null,
                "args": (v5/*:: as any*/),
                "filters": null,
                "handle": "connection",
                "key": "PlaceFinancialMeasuresSecured_place_financialMeasuresSecured",
                "kind": "LinkedHandle",
                "name": "financialMeasuresSecured"
              },
              {
                "alias": null,
                "args": (v5/*:: as any*/),
                "concreteType": "PlaceConnection",
                "kind": "LinkedField",
                "name": "children",
                "plural": false,
                "selections": [
                  (v6/*:: as any*/),
                  {
                    "alias": null,
                    "args": null,
                    "concreteType": "PlaceEdge",
                    "kind": "LinkedField",
                    "name": "edges",
                    "plural": true,
                    "selections": [
                      (v7/*:: as any*/),
                      {
                        "alias": null,
                        "args": null,
                        "concreteType": "Place",
                        "kind": "LinkedField",
                        "name": "node",
                        "plural": false,
                        "selections": (v12/*:: as any*/),
                        "storageKey": null
                      }
                    ],
                    "storageKey": null
                  },
                  (v8/*:: as any*/)
                ],
                "storageKey": "children(first:10)"
              },
              {
                "alias": null,
                "args": (v5/*:: as any*/),
                "filters": null,
                "handle": "connection",
                "key": "PlaceChildren_place_children",
                "kind": "LinkedHandle",
                "name": "children"
              },
              {
                "alias": null,
                "args": (v5/*:: as any*/),
                "concreteType": "EventConnection",
                "kind": "LinkedField",
                "name": "events",
                "plural": false,
                "selections": [
                  (v6/*:: as any*/),
                  {
                    "alias": null,
                    "args": null,
                    "concreteType": "EventEdge",
                    "kind": "LinkedField",
                    "name": "edges",
                    "plural": true,
                    "selections": [
                      (v7/*:: as any*/),
                      {
                        "alias": null,
                        "args": null,
                        "concreteType": "Event",
                        "kind": "LinkedField",
                        "name": "node",
                        "plural": false,
                        "selections": (v10/*:: as any*/),
                        "storageKey": null
                      }
                    ],
                    "storageKey": null
                  },
                  (v8/*:: as any*/)
                ],
                "storageKey": "events(first:10)"
              },
              {
                "alias": null,
                "args": (v5/*:: as any*/),
                "filters": null,
                "handle": "connection",
                "key": "PlaceEvents_place_events",
                "kind": "LinkedHandle",
                "name": "events"
              },
              {
                "alias": null,
                "args": (v5/*:: as any*/),
                "concreteType": "StatementConnection",
                "kind": "LinkedField",
                "name": "statements",
                "plural": false,
                "selections": (v9/*:: as any*/),
                "storageKey": "statements(first:10)"
              },
              {
                "alias": null,
                "args": (v5/*:: as any*/),
                "filters": null,
                "handle": "connection",
                "key": "PlaceStatements_place_statements",
                "kind": "LinkedHandle",
                "name": "statements"
              },
              {
                "alias": null,
                "args": (v5/*:: as any*/),
                "concreteType": "OrganisationConnection",
                "kind": "LinkedField",
                "name": "organisations",
                "plural": false,
                "selections": [
                  (v6/*:: as any*/),
                  {
                    "alias": null,
                    "args": null,
                    "concreteType": "OrganisationEdge",
                    "kind": "LinkedField",
                    "name": "edges",
                    "plural": true,
                    "selections": [
                      (v7/*:: as any*/),
                      {
                        "alias": null,
                        "args": null,
                        "concreteType": "Organisation",
                        "kind": "LinkedField",
                        "name": "node",
                        "plural": false,
                        "selections": (v12/*:: as any*/),
                        "storageKey": null
                      }
                    ],
                    "storageKey": null
                  },
                  (v8/*:: as any*/)
                ],
                "storageKey": "organisations(first:10)"
              },
              {
                "alias": null,
                "args": (v5/*:: as any*/),
                "filters": null,
                "handle": "connection",
                "key": "PlaceOrganisations_place_organisations",
                "kind": "LinkedHandle",
                "name": "organisations"
              }
            ],
            "type": "Place",
            "abstractKey": null
          }
        ],
        "storageKey": null
      }
    ]
  },
  "params": {
    "cacheID": "50be01c18c04b10fa1229d37888e852b",
    "id": null,
    "metadata": {},
    "name": "PlaceRefetchQuery",
    "operationKind": "query",
    "text": "query PlaceRefetchQuery(\n  $id: ID!\n) {\n  node(id: $id) {\n    __typename\n    ...Place_place\n    id\n  }\n}\n\nfragment PlaceAddressedIn_place on Place {\n  addressedIn(first: 10) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        text\n        __typename\n      }\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n  id\n}\n\nfragment PlaceChildren_place on Place {\n  children(first: 10) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        name\n        __typename\n      }\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n  id\n}\n\nfragment PlaceEvents_place on Place {\n  events(first: 10) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        label\n        __typename\n      }\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n  id\n}\n\nfragment PlaceFinancialMeasuresGiven_place on Place {\n  financialMeasuresGiven(first: 10) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        label\n        __typename\n      }\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n  id\n}\n\nfragment PlaceFinancialMeasuresReceived_place on Place {\n  financialMeasuresReceived(first: 10) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        label\n        __typename\n      }\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n  id\n}\n\nfragment PlaceFinancialMeasuresSecured_place on Place {\n  financialMeasuresSecured(first: 10) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        label\n        __typename\n      }\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n  id\n}\n\nfragment PlaceMentionedIn_place on Place {\n  mentionedIn(first: 10) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        text\n        __typename\n      }\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n  id\n}\n\nfragment PlaceOrganisations_place on Place {\n  organisations(first: 10) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        name\n        __typename\n      }\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n  id\n}\n\nfragment PlaceStatements_place on Place {\n  statements(first: 10) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        text\n        __typename\n      }\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n  id\n}\n\nfragment Place_place on Place {\n  id\n  name\n  aliases\n  description\n  wikidataId\n  createdAt\n  updatedAt\n  version\n  kind\n  parent {\n    id\n    name\n  }\n  latitude\n  longitude\n  ...PlaceAddressedIn_place\n  ...PlaceMentionedIn_place\n  ...PlaceFinancialMeasuresGiven_place\n  ...PlaceFinancialMeasuresReceived_place\n  ...PlaceFinancialMeasuresSecured_place\n  ...PlaceChildren_place\n  ...PlaceEvents_place\n  ...PlaceStatements_place\n  ...PlaceOrganisations_place\n}\n"
  }
};
})();

node.hash = "adcbde0084b36fa1710341304823c7c7";

export default node;
