// An in-memory drive whose entries an entity "manager" removes: this file never mentions
// an ORM, so `store.manager.delete` is no query.
function removePaths(store, all) {
  all.forEach(function (entry) {
    store.manager.delete({ paths: entry.paths });
  });
}

module.exports = { removePaths };
