// One update per group of rows, picked by an IN over the group's ids, writing the group's
// own key: the batched form. An update picking one row per iteration is reported.
async function moveDocuments(db, byParent) {
  const documents = db.collection('documents');
  for (const [parent, ids] of Object.entries(byParent)) {
    await documents.updateMany({ _id: { $in: ids } }, { $set: { parent } });
  }
}

async function moveEach(db, moves) {
  const documents = db.collection('documents');
  for (const [id, parent] of Object.entries(moves)) {
    await documents.updateOne({ _id: id }, { $set: { parent } }); // expect: n-plus-one-query
  }
}

module.exports = { moveDocuments, moveEach };
