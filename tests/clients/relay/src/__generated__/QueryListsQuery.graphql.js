/**
 * @generated SignedSource<<087391fdf5f2744f99751e6c0189d009>>
 * @lightSyntaxTransform
 */

/* eslint-disable */

'use strict';

var node = (function(){
var v0 = [
  {
    "defaultValue": null,
    "kind": "LocalArgument",
    "name": "search"
  }
],
v1 = {
  "kind": "Variable",
  "name": "query",
  "variableName": "search"
},
v2 = {
  "kind": "Literal",
  "name": "first",
  "value": 10
},
v3 = [
  (v2/*:: as any*/),
  (v1/*:: as any*/)
],
v4 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "totalCount",
  "storageKey": null
},
v5 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "cursor",
  "storageKey": null
},
v6 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "__typename",
  "storageKey": null
},
v7 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "id",
  "storageKey": null
},
v8 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "name",
  "storageKey": null
},
v9 = [
  (v7/*:: as any*/),
  (v8/*:: as any*/)
],
v10 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "text",
  "storageKey": null
},
v11 = {
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
v12 = [
  (v2/*:: as any*/)
],
v13 = [
  (v7/*:: as any*/),
  (v8/*:: as any*/),
  (v6/*:: as any*/)
],
v14 = [
  (v7/*:: as any*/),
  {
    "alias": null,
    "args": null,
    "kind": "ScalarField",
    "name": "title",
    "storageKey": null
  },
  (v6/*:: as any*/)
],
v15 = [
  (v7/*:: as any*/),
  {
    "alias": null,
    "args": null,
    "kind": "ScalarField",
    "name": "label",
    "storageKey": null
  },
  (v6/*:: as any*/)
];
return {
  "fragment": {
    "argumentDefinitions": (v0/*:: as any*/),
    "kind": "Fragment",
    "metadata": null,
    "name": "QueryListsQuery",
    "selections": [
      {
        "args": [
          (v1/*:: as any*/)
        ],
        "kind": "FragmentSpread",
        "name": "QuerySearch_query"
      },
      {
        "args": null,
        "kind": "FragmentSpread",
        "name": "QueryPeople_query"
      },
      {
        "args": null,
        "kind": "FragmentSpread",
        "name": "QueryOrganisations_query"
      },
      {
        "args": null,
        "kind": "FragmentSpread",
        "name": "QueryPlaces_query"
      },
      {
        "args": null,
        "kind": "FragmentSpread",
        "name": "QueryIssues_query"
      },
      {
        "args": null,
        "kind": "FragmentSpread",
        "name": "QueryStatements_query"
      },
      {
        "args": null,
        "kind": "FragmentSpread",
        "name": "QueryRoles_query"
      },
      {
        "args": null,
        "kind": "FragmentSpread",
        "name": "QueryRelations_query"
      },
      {
        "args": null,
        "kind": "FragmentSpread",
        "name": "QueryFinancialMeasures_query"
      },
      {
        "args": null,
        "kind": "FragmentSpread",
        "name": "QueryEvents_query"
      },
      {
        "args": null,
        "kind": "FragmentSpread",
        "name": "QuerySources_query"
      }
    ],
    "type": "Query",
    "abstractKey": null
  },
  "kind": "Request",
  "operation": {
    "argumentDefinitions": (v0/*:: as any*/),
    "kind": "Operation",
    "name": "QueryListsQuery",
    "selections": [
      {
        "alias": null,
        "args": (v3/*:: as any*/),
        "concreteType": "SearchHitConnection",
        "kind": "LinkedField",
        "name": "search",
        "plural": false,
        "selections": [
          (v4/*:: as any*/),
          {
            "alias": null,
            "args": null,
            "concreteType": "SearchHitEdge",
            "kind": "LinkedField",
            "name": "edges",
            "plural": true,
            "selections": [
              (v5/*:: as any*/),
              {
                "alias": null,
                "args": null,
                "concreteType": "SearchHit",
                "kind": "LinkedField",
                "name": "node",
                "plural": false,
                "selections": [
                  {
                    "alias": null,
                    "args": null,
                    "concreteType": null,
                    "kind": "LinkedField",
                    "name": "node",
                    "plural": false,
                    "selections": [
                      (v6/*:: as any*/),
                      {
                        "kind": "InlineFragment",
                        "selections": (v9/*:: as any*/),
                        "type": "Person",
                        "abstractKey": null
                      },
                      {
                        "kind": "InlineFragment",
                        "selections": (v9/*:: as any*/),
                        "type": "Organisation",
                        "abstractKey": null
                      },
                      {
                        "kind": "InlineFragment",
                        "selections": (v9/*:: as any*/),
                        "type": "Place",
                        "abstractKey": null
                      },
                      {
                        "kind": "InlineFragment",
                        "selections": (v9/*:: as any*/),
                        "type": "Issue",
                        "abstractKey": null
                      },
                      {
                        "kind": "InlineFragment",
                        "selections": [
                          (v7/*:: as any*/),
                          (v10/*:: as any*/)
                        ],
                        "type": "Statement",
                        "abstractKey": null
                      },
                      {
                        "kind": "InlineFragment",
                        "selections": [
                          (v7/*:: as any*/)
                        ],
                        "type": "Node",
                        "abstractKey": "__isNode"
                      }
                    ],
                    "storageKey": null
                  },
                  {
                    "alias": null,
                    "args": null,
                    "kind": "ScalarField",
                    "name": "score",
                    "storageKey": null
                  },
                  {
                    "alias": null,
                    "args": null,
                    "kind": "ScalarField",
                    "name": "field",
                    "storageKey": null
                  },
                  (v10/*:: as any*/),
                  {
                    "alias": null,
                    "args": null,
                    "kind": "ScalarField",
                    "name": "highlighted",
                    "storageKey": null
                  },
                  {
                    "alias": null,
                    "args": null,
                    "concreteType": "TextRange",
                    "kind": "LinkedField",
                    "name": "highlights",
                    "plural": true,
                    "selections": [
                      {
                        "alias": null,
                        "args": null,
                        "kind": "ScalarField",
                        "name": "start",
                        "storageKey": null
                      },
                      {
                        "alias": null,
                        "args": null,
                        "kind": "ScalarField",
                        "name": "end",
                        "storageKey": null
                      }
                    ],
                    "storageKey": null
                  },
                  (v6/*:: as any*/)
                ],
                "storageKey": null
              }
            ],
            "storageKey": null
          },
          (v11/*:: as any*/)
        ],
        "storageKey": null
      },
      {
        "alias": null,
        "args": (v3/*:: as any*/),
        "filters": [
          "query"
        ],
        "handle": "connection",
        "key": "QuerySearch_query_search",
        "kind": "LinkedHandle",
        "name": "search"
      },
      {
        "alias": null,
        "args": (v12/*:: as any*/),
        "concreteType": "PersonConnection",
        "kind": "LinkedField",
        "name": "people",
        "plural": false,
        "selections": [
          (v4/*:: as any*/),
          {
            "alias": null,
            "args": null,
            "concreteType": "PersonEdge",
            "kind": "LinkedField",
            "name": "edges",
            "plural": true,
            "selections": [
              (v5/*:: as any*/),
              {
                "alias": null,
                "args": null,
                "concreteType": "Person",
                "kind": "LinkedField",
                "name": "node",
                "plural": false,
                "selections": (v13/*:: as any*/),
                "storageKey": null
              }
            ],
            "storageKey": null
          },
          (v11/*:: as any*/)
        ],
        "storageKey": "people(first:10)"
      },
      {
        "alias": null,
        "args": (v12/*:: as any*/),
        "filters": null,
        "handle": "connection",
        "key": "QueryPeople_query_people",
        "kind": "LinkedHandle",
        "name": "people"
      },
      {
        "alias": null,
        "args": (v12/*:: as any*/),
        "concreteType": "OrganisationConnection",
        "kind": "LinkedField",
        "name": "organisations",
        "plural": false,
        "selections": [
          (v4/*:: as any*/),
          {
            "alias": null,
            "args": null,
            "concreteType": "OrganisationEdge",
            "kind": "LinkedField",
            "name": "edges",
            "plural": true,
            "selections": [
              (v5/*:: as any*/),
              {
                "alias": null,
                "args": null,
                "concreteType": "Organisation",
                "kind": "LinkedField",
                "name": "node",
                "plural": false,
                "selections": (v13/*:: as any*/),
                "storageKey": null
              }
            ],
            "storageKey": null
          },
          (v11/*:: as any*/)
        ],
        "storageKey": "organisations(first:10)"
      },
      {
        "alias": null,
        "args": (v12/*:: as any*/),
        "filters": null,
        "handle": "connection",
        "key": "QueryOrganisations_query_organisations",
        "kind": "LinkedHandle",
        "name": "organisations"
      },
      {
        "alias": null,
        "args": (v12/*:: as any*/),
        "concreteType": "PlaceConnection",
        "kind": "LinkedField",
        "name": "places",
        "plural": false,
        "selections": [
          (v4/*:: as any*/),
          {
            "alias": null,
            "args": null,
            "concreteType": "PlaceEdge",
            "kind": "LinkedField",
            "name": "edges",
            "plural": true,
            "selections": [
              (v5/*:: as any*/),
              {
                "alias": null,
                "args": null,
                "concreteType": "Place",
                "kind": "LinkedField",
                "name": "node",
                "plural": false,
                "selections": (v13/*:: as any*/),
                "storageKey": null
              }
            ],
            "storageKey": null
          },
          (v11/*:: as any*/)
        ],
        "storageKey": "places(first:10)"
      },
      {
        "alias": null,
        "args": (v12/*:: as any*/),
        "filters": null,
        "handle": "connection",
        "key": "QueryPlaces_query_places",
        "kind": "LinkedHandle",
        "name": "places"
      },
      {
        "alias": null,
        "args": (v12/*:: as any*/),
        "concreteType": "IssueConnection",
        "kind": "LinkedField",
        "name": "issues",
        "plural": false,
        "selections": [
          (v4/*:: as any*/),
          {
            "alias": null,
            "args": null,
            "concreteType": "IssueEdge",
            "kind": "LinkedField",
            "name": "edges",
            "plural": true,
            "selections": [
              (v5/*:: as any*/),
              {
                "alias": null,
                "args": null,
                "concreteType": "Issue",
                "kind": "LinkedField",
                "name": "node",
                "plural": false,
                "selections": (v13/*:: as any*/),
                "storageKey": null
              }
            ],
            "storageKey": null
          },
          (v11/*:: as any*/)
        ],
        "storageKey": "issues(first:10)"
      },
      {
        "alias": null,
        "args": (v12/*:: as any*/),
        "filters": null,
        "handle": "connection",
        "key": "QueryIssues_query_issues",
        "kind": "LinkedHandle",
        "name": "issues"
      },
      {
        "alias": null,
        "args": (v12/*:: as any*/),
        "concreteType": "StatementConnection",
        "kind": "LinkedField",
        "name": "statements",
        "plural": false,
        "selections": [
          (v4/*:: as any*/),
          {
            "alias": null,
            "args": null,
            "concreteType": "StatementEdge",
            "kind": "LinkedField",
            "name": "edges",
            "plural": true,
            "selections": [
              (v5/*:: as any*/),
              {
                "alias": null,
                "args": null,
                "concreteType": "Statement",
                "kind": "LinkedField",
                "name": "node",
                "plural": false,
                "selections": [
                  (v7/*:: as any*/),
                  (v10/*:: as any*/),
                  (v6/*:: as any*/)
                ],
                "storageKey": null
              }
            ],
            "storageKey": null
          },
          (v11/*:: as any*/)
        ],
        "storageKey": "statements(first:10)"
      },
      {
        "alias": null,
        "args": (v12/*:: as any*/),
        "filters": null,
        "handle": "connection",
        "key": "QueryStatements_query_statements",
        "kind": "LinkedHandle",
        "name": "statements"
      },
      {
        "alias": null,
        "args": (v12/*:: as any*/),
        "concreteType": "RoleConnection",
        "kind": "LinkedField",
        "name": "roles",
        "plural": false,
        "selections": [
          (v4/*:: as any*/),
          {
            "alias": null,
            "args": null,
            "concreteType": "RoleEdge",
            "kind": "LinkedField",
            "name": "edges",
            "plural": true,
            "selections": [
              (v5/*:: as any*/),
              {
                "alias": null,
                "args": null,
                "concreteType": "Role",
                "kind": "LinkedField",
                "name": "node",
                "plural": false,
                "selections": (v14/*:: as any*/),
                "storageKey": null
              }
            ],
            "storageKey": null
          },
          (v11/*:: as any*/)
        ],
        "storageKey": "roles(first:10)"
      },
      {
        "alias": null,
        "args": (v12/*:: as any*/),
        "filters": null,
        "handle": "connection",
        "key": "QueryRoles_query_roles",
        "kind": "LinkedHandle",
        "name": "roles"
      },
      {
        "alias": null,
        "args": (v12/*:: as any*/),
        "concreteType": "RelationConnection",
        "kind": "LinkedField",
        "name": "relations",
        "plural": false,
        "selections": [
          (v4/*:: as any*/),
          {
            "alias": null,
            "args": null,
            "concreteType": "RelationEdge",
            "kind": "LinkedField",
            "name": "edges",
            "plural": true,
            "selections": [
              (v5/*:: as any*/),
              {
                "alias": null,
                "args": null,
                "concreteType": "Relation",
                "kind": "LinkedField",
                "name": "node",
                "plural": false,
                "selections": [
                  (v7/*:: as any*/),
                  {
                    "alias": null,
                    "args": null,
                    "kind": "ScalarField",
                    "name": "kind",
                    "storageKey": null
                  },
                  (v6/*:: as any*/)
                ],
                "storageKey": null
              }
            ],
            "storageKey": null
          },
          (v11/*:: as any*/)
        ],
        "storageKey": "relations(first:10)"
      },
      {
        "alias": null,
        "args": (v12/*:: as any*/),
        "filters": null,
        "handle": "connection",
        "key": "QueryRelations_query_relations",
        "kind": "LinkedHandle",
        "name": "relations"
      },
      {
        "alias": null,
        "args": (v12/*:: as any*/),
        "concreteType": "FinancialMeasureConnection",
        "kind": "LinkedField",
        "name": "financialMeasures",
        "plural": false,
        "selections": [
          (v4/*:: as any*/),
          {
            "alias": null,
            "args": null,
            "concreteType": "FinancialMeasureEdge",
            "kind": "LinkedField",
            "name": "edges",
            "plural": true,
            "selections": [
              (v5/*:: as any*/),
              {
                "alias": null,
                "args": null,
                "concreteType": "FinancialMeasure",
                "kind": "LinkedField",
                "name": "node",
                "plural": false,
                "selections": (v15/*:: as any*/),
                "storageKey": null
              }
            ],
            "storageKey": null
          },
          (v11/*:: as any*/)
        ],
        "storageKey": "financialMeasures(first:10)"
      },
      {
        "alias": null,
        "args": (v12/*:: as any*/),
        "filters": null,
        "handle": "connection",
        "key": "QueryFinancialMeasures_query_financialMeasures",
        "kind": "LinkedHandle",
        "name": "financialMeasures"
      },
      {
        "alias": null,
        "args": (v12/*:: as any*/),
        "concreteType": "EventConnection",
        "kind": "LinkedField",
        "name": "events",
        "plural": false,
        "selections": [
          (v4/*:: as any*/),
          {
            "alias": null,
            "args": null,
            "concreteType": "EventEdge",
            "kind": "LinkedField",
            "name": "edges",
            "plural": true,
            "selections": [
              (v5/*:: as any*/),
              {
                "alias": null,
                "args": null,
                "concreteType": "Event",
                "kind": "LinkedField",
                "name": "node",
                "plural": false,
                "selections": (v15/*:: as any*/),
                "storageKey": null
              }
            ],
            "storageKey": null
          },
          (v11/*:: as any*/)
        ],
        "storageKey": "events(first:10)"
      },
      {
        "alias": null,
        "args": (v12/*:: as any*/),
        "filters": null,
        "handle": "connection",
        "key": "QueryEvents_query_events",
        "kind": "LinkedHandle",
        "name": "events"
      },
      {
        "alias": null,
        "args": (v12/*:: as any*/),
        "concreteType": "SourceConnection",
        "kind": "LinkedField",
        "name": "sources",
        "plural": false,
        "selections": [
          (v4/*:: as any*/),
          {
            "alias": null,
            "args": null,
            "concreteType": "SourceEdge",
            "kind": "LinkedField",
            "name": "edges",
            "plural": true,
            "selections": [
              (v5/*:: as any*/),
              {
                "alias": null,
                "args": null,
                "concreteType": "Source",
                "kind": "LinkedField",
                "name": "node",
                "plural": false,
                "selections": (v14/*:: as any*/),
                "storageKey": null
              }
            ],
            "storageKey": null
          },
          (v11/*:: as any*/)
        ],
        "storageKey": "sources(first:10)"
      },
      {
        "alias": null,
        "args": (v12/*:: as any*/),
        "filters": null,
        "handle": "connection",
        "key": "QuerySources_query_sources",
        "kind": "LinkedHandle",
        "name": "sources"
      }
    ]
  },
  "params": {
    "cacheID": "819783759ada3b4b62e84a60cd4157a4",
    "id": null,
    "metadata": {},
    "name": "QueryListsQuery",
    "operationKind": "query",
    "text": "query QueryListsQuery(\n  $search: String!\n) {\n  ...QuerySearch_query_3csuS6\n  ...QueryPeople_query\n  ...QueryOrganisations_query\n  ...QueryPlaces_query\n  ...QueryIssues_query\n  ...QueryStatements_query\n  ...QueryRoles_query\n  ...QueryRelations_query\n  ...QueryFinancialMeasures_query\n  ...QueryEvents_query\n  ...QuerySources_query\n}\n\nfragment QueryEvents_query on Query {\n  events(first: 10) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        label\n        __typename\n      }\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n}\n\nfragment QueryFinancialMeasures_query on Query {\n  financialMeasures(first: 10) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        label\n        __typename\n      }\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n}\n\nfragment QueryIssues_query on Query {\n  issues(first: 10) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        name\n        __typename\n      }\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n}\n\nfragment QueryOrganisations_query on Query {\n  organisations(first: 10) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        name\n        __typename\n      }\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n}\n\nfragment QueryPeople_query on Query {\n  people(first: 10) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        name\n        __typename\n      }\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n}\n\nfragment QueryPlaces_query on Query {\n  places(first: 10) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        name\n        __typename\n      }\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n}\n\nfragment QueryRelations_query on Query {\n  relations(first: 10) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        kind\n        __typename\n      }\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n}\n\nfragment QueryRoles_query on Query {\n  roles(first: 10) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        title\n        __typename\n      }\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n}\n\nfragment QuerySearch_query_3csuS6 on Query {\n  search(query: $search, first: 10) {\n    totalCount\n    edges {\n      cursor\n      node {\n        node {\n          __typename\n          ... on Person {\n            id\n            name\n          }\n          ... on Organisation {\n            id\n            name\n          }\n          ... on Place {\n            id\n            name\n          }\n          ... on Issue {\n            id\n            name\n          }\n          ... on Statement {\n            id\n            text\n          }\n          ... on Node {\n            __isNode: __typename\n            id\n          }\n        }\n        score\n        field\n        text\n        highlighted\n        highlights {\n          start\n          end\n        }\n        __typename\n      }\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n}\n\nfragment QuerySources_query on Query {\n  sources(first: 10) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        title\n        __typename\n      }\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n}\n\nfragment QueryStatements_query on Query {\n  statements(first: 10) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        text\n        __typename\n      }\n    }\n    pageInfo {\n      endCursor\n      hasNextPage\n    }\n  }\n}\n"
  }
};
})();

node.hash = "f98c606a33f23d41f2932bc84fd85084";

export default node;
