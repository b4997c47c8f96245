// Opens GraphiQL on the example queries the page carries, one tab each,
// sending queries to the endpoint the page names. A file rather than an
// inline script, so that the page's Content-Security-Policy can allow
// scripts from the server itself and nothing else.
(function () {
  "use strict";
  const root = document.getElementById("graphiql");
  const examples = JSON.parse(document.getElementById("examples").textContent);
  const url = new URL(root.dataset.endpoint, window.location.href).toString();
  ReactDOM.createRoot(root).render(
    React.createElement(GraphiQL, {
      fetcher: GraphiQL.createFetcher({ url }),
      defaultQuery: examples[0].query,
      defaultTabs: examples,
      defaultEditorToolsVisibility: true,
    })
  );
})();
