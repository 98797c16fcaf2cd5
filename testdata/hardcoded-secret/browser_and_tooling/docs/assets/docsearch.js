docsearch({
  appId: 'BH4D9OD16A',
  apiKey: '21f3b5c7e9a1d3f5b7c9e1a3d5f7b9c1',
  indexName: 'docs',
});
