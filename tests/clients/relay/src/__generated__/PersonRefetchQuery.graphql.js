/**
 * @generated SignedSource<<37f5757db7d430e25d0388afc826f7b1>>
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
v4 = [
  {
    "kind": "Literal",
    "name": "first",
    "value": 10
  }
],
v5 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "totalCount",
  "storageKey": null
},
v6 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "cursor",
  "storageKey": null
},
v7 = {
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
v8 = [
  (v5/*:: as any*/),
  {
    "alias": null,
    "args": null,
    "concreteType": "StatementEdge",
    "kind": "LinkedField",
    "name": "edges",
    "plural": true,
    "selections": [
      (v6/*:: as any*/),
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
  (v7/*:: as any*/)
],
v9 = [
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
v10 = [
  (v5/*:: as any*/),
  {
    "alias": null,
    "args": null,
    "concreteType": "FinancialMeasureEdge",
    "kind": "LinkedField",
    "name": "edges",
    "plural": true,
    "selections": [
      (v6/*:: as any*/),
      {
        "alias": null,
        "args": null,
        "concreteType": "FinancialMeasure",
        "kind": "LinkedField",
        "name": "node",
        "plural": false,
        "selections": (v9/*:: as any*/),
        "storageKey": null
      }
    ],
    "storageKey": null
  },
  (v7/*:: as any*/)
];
return {
  "fragment": {
    "argumentDefinitions": (v0/*:: as any*/),
    "kind": "Fragment",
    "metadata": null,
    "name": "PersonRefetchQuery",
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
            "name": "Person_person"
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
    "name": "PersonRefetchQuery",
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
                "alias": null,
                "args": (v4/*:: as any*/),
                "concreteType": "StatementConnection",
                "kind": "LinkedField",
                "name": "addressedIn",
                "plural": false,
                "selections": (v8/*:: as any*/),
                "storageKey": "addressedIn(first:10)"
              },
              {
                "alias": null,
                "args": (v4/*:: as any*/),
                "filters": null,
                "handle": "connection",
                "key": "PersonAddressedIn_person_addressedIn",
                "kind": "LinkedHandle",
                "name": "addressedIn"
              },
              {
                "alias": null,
                "args": (v4/*:: as any*/),
                "concreteType": "StatementConnection",
                "kind": "LinkedField",
                "name": "mentionedIn",
                "plural": false,
                "selections": (v8/*:: as any*/),
                "storageKey": "mentionedIn(first:10)"
              },
              {
                "alias": null,
                "args": (v4/*:: as any*/),
                "filters": null,
                "handle": "connection",
                "key": "PersonMentionedIn_person_mentionedIn",
                "kind": "LinkedHandle",
                "name": "mentionedIn"
              },
              {
                "alias": null,
                "args": (v4/*:: as any*/),
                "concreteType": "FinancialMeasureConnection",
                "kind": "LinkedField",
                "name": "financialMeasuresGiven",
                "plural": false,
                "selections": (v10/*:: as any*/),
                "storageKey": "financialMeasuresGiven(first:10)"
              },
              {
                "alias": null,
                "args": (v4/*:: as any*/),
                "filters": null,
                "handle": "connection",
                "key": "PersonFinancialMeasuresGiven_person_financialMeasuresGiven",
                "kind": "LinkedHandle",
                "name": "financialMeasuresGiven"
              },
              {
                "alias": null,
                "args": (v4/*:: as any*/),
                "concreteType": "FinancialMeasureConnection",
                "kind": "LinkedField",
                "name": "financialMeasuresReceived",
                "plural": false,
                "selections": (v10/*:: as any*/),
                "storageKey": "financialMeasuresReceived(first:10)"
              },
              {
                "alias": null,
                "args": (v4/*:: as any*/),
                "filters": null,
                "handle": "connection",
                "key": "PersonFinancialMeasuresReceived_person_financialMeasuresReceived",
                "kind": "LinkedHandle",
                "name": "financialMeasuresReceived"
              },
              {
                "alias": null,
                "args": (v4/*:: as any*/),
                "concreteType": "FinancialMeasureConnection",
                "kind": "LinkedField",
                "name": "financialMeasuresSecured",
                "plural": false,
                "selections": (v10/*:: as any*/),
                "storageKey": "financialMeasuresSecured(first:10)"
              },
              {
                "alias": null,
                "args": (v4/*:: as any*/),
                "filters": null,
                "handle": "connection",
                "key": "PersonFinancialMeasuresSecured_person_financialMeasuresSecured",
                "kind": "LinkedHandle",
                "name": "financialMeasuresSecured"
              },
              {
                "alias": null,
                "args": (v4/*:: as any*/),
                "concreteType": "StatementConnection",
                "kind": "LinkedField",
                "name": "statements",
                "plural": false,
                "selections": (v8/*:: as any*/),
                "storageKey": "statements(first:10)"
              },
              {
                "alias": null,
                "args": (v4/*:: as any*/),
                "filters": null,
                "handle": "connection",
                "key": "PersonStatements_person_statements",
                "kind": "LinkedHandle",
                "name": "statements"
              },
              {
                "alias": null,
                "args": (v4/*:: as any*/),
                "concreteType": "RoleConnection",
                "kind": "LinkedField",
                "name": "roles",
                "plural": false,
                "selections": [
                  (v5/*:: as any*/),
                  {
                    "alias": null,
                    "args": null,
                    "concreteType": "RoleEdge",
                    "kind": "LinkedField",
                    "name": "edges",
                    "plural": true,
                    "selections": [
                      (v6/*:: as any*/),
                      {
                        "alias": null,
                        "args": null,
                        "concreteType": "Role",
                        "kind": "LinkedField",
                        "name": "node",
                        "plural": false,
                        "selections": [
                          (v3/*:: as any*/),
                          {
                            "alias": null,
                            "args": null,
                            "kind": "ScalarField",
                            "name": "title",
                            "storageKey": null
                          },
                          (v2/*:: as any*/)
                        ],
                        "storageKey": null
                      }
                    ],
                    "storageKey": null
                  },
                  (v7/*:: as any*/)
                ],
                "storageKey": "roles(first:10)"
              },
              {
                "alias": null,
                "args": (v4/*:: as any*/),
                "filters": null,
                "handle": "connection",
                "key": "PersonRoles_person_roles",
                "kind": "LinkedHandle",
                "name": "roles"
              },
              {
                "alias": null,
                "args": (v4/*:: as any*/),
                "concreteType": "RelationConnection",
                "kind": "LinkedField",
                "name": "relations",
                "plural": false,
                "selections": [
                  (v5/*:: as any*/),
                  {
                    "alias": null,
                    "args": null,
                    "concreteType": "RelationEdge",
                    "kind": "LinkedField",
                    "name": "edges",
                    "plural": true,
                    "selections": [
                      (v6/*:: as any*/),
                      {
                        "alias": null,
                        "args": null,
                        "concreteType": "Relation",
                        "kind": "LinkedField",
                        "name": "node",
                        "plural": false,
                        "selections": [
                          (v3/*:: as any*/),
                          {
                            "alias": null,
                            "args": null,
                            "kind": "ScalarField",
                            "name": "kind",
                            "storageKey": null
                          },
                          (v2/*:: as any*/)
                        ],
                        "storageKey": null
                      }
                    ],
                    "storageKey": null
                  },
                  (v7/*:: as any*/)
                ],
                "storageKey": "relations(first:10)"
              },
              {
                "alias": null,
                "args": (v4/*:: as any*/),
                "filters": null,
                "handle": "connection",
                "key": "PersonRelations_person_relations",
                "kind": "LinkedHandle",
                "name": "relations"
              },
              {
                "alias": null,
                "args": (v4/*:: as any*/),
                "concreteType": "EventConnection",
                "kind": "LinkedField",
                "name": "events",
                "plural": false,
                "selections": [
                  (v5/*:: as any*/),
                  {
                    "alias": null,
                    "args": null,
                    "concreteType": "EventEdge",
                    "kind": "LinkedField",
                    "name": "edges",
                    "plural": true,
                    "selections": [
                      (v6/*:: as any*/),
                      {
                        "alias": null,
                        "args": null,
                        "concreteType": "Event",
                        "kind": "LinkedField",
                        "name": "node",
                        "plural": false,
                        "selections": (v9/*:: as any*/),
                        "storageKey": null
                      }
                    ],
                    "storageKey": null
                  },
                  (v7/*:: as any*/)
                ],
                "storageKey": "events(first:10)"
              },
              {
                "alias": null,
                "args": (v4/*:: as any*/),
                "filters": null,
                "handle": "connection",
                "key": "PersonEvents_person_events",
                "kind": "LinkedHandle",
                "name": "events"
              }
            ],
            "type": "Person",
            "abstractKey": null
          }
        ],
        "storageKey": null
      }
    ]
  },
  "params": {
    "cacheID": "8c85c6e7687cd76312bb735c3669b80d",
    "id": null,
    "metadata": {},
    "name": "PersonRefetchQuery",
    "operationKind": "query",
    "text": "query PersonRefetchQuery(\n  $id: ID!\n) {\n  node(id: $id) {\n    __typename\n    ...Person_person\n    id\n  }\n}\n\nfragment PersonAddressedIn_person on Person {\n  addressedIn(first: 10) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        text\n        __typename\n      }\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n  id\n}\n\nfragment PersonEvents_person on Person {\n  events(first: 10) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        label\n        __typename\n      }\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n  id\n}\n\nfragment PersonFinancialMeasuresGiven_person on Person {\n  financialMeasuresGiven(first: 10) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        label\n        __typename\n      }\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n  id\n}\n\nfragment PersonFinancialMeasuresReceived_person on Person {\n  financialMeasuresReceived(first: 10) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        label\n        __typename\n      }\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n  id\n}\n\nfragment PersonFinancialMeasuresSecured_person on Person {\n  financialMeasuresSecured(first: 10) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        label\n        __typename\n      }\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n  id\n}\n\nfragment PersonMentionedIn_person on Person {\n  mentionedIn(first: 10) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        text\n        __typename\n      }\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n  id\n}\n\nfragment PersonRelations_person on Person {\n  relations(first: 10) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        kind\n        __typename\n      }\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n  id\n}\n\nfragment PersonRoles_person on Person {\n  roles(first: 10) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        title\n        __typename\n      }\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n  id\n}\n\nfragment PersonStatements_person on Person {\n  statements(first: 10) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        text\n        __typename\n      }\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n  id\n}\n\nfragment Person_person on Person {\n  id\n  name\n  aliases\n  description\n  wikidataId\n  createdAt\n  updatedAt\n  version\n  ...PersonAddressedIn_person\n  ...PersonMentionedIn_person\n  ...PersonFinancialMeasuresGiven_person\n  ...PersonFinancialMeasuresReceived_person\n  ...PersonFinancialMeasuresSecured_person\n  ...PersonStatements_person\n  ...PersonRoles_person\n  ...PersonRelations_person\n  ...PersonEvents_person\n}\n"
  }
};
})();

node.hash = "6ab5d7eefdd18a10e5c597ae8bd4bb89";

export default node;
