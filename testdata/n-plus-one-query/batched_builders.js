// Queries built per item and run once after the loop: a MongoDB bulk operation.
async function setFields(client, keys, data) {
  const bulk = client.collection('objects').initializeUnorderedBulkOp();
  for (const key of keys) {
    bulk.find({ _key: key }).upsert().updateOne({ $set: data });
  }
  await bulk.execute();
}

async function addMembers(client, pairs) {
  const bulk = client.collection('objects').initializeOrderedBulkOp();
  pairs.forEach(([key, member]) => {
    bulk.find({ _key: key }).upsert().updateOne({ $addToSet: { members: member } });
  });
  await bulk.execute();
}

// Statistics of each collection: an administrative command, not a row lookup.
async function collectionStats(db) {
  const items = await db.listCollections().toArray();
  return Promise.all(items.map((c) => db.collection(c.name).aggregate([{ $collStats: { count: {} } }]).toArray()));
}

// The same update sent one by one is still N+1.
async function setFieldsOneByOne(client, keys, data) {
  const objects = client.collection('objects');
  for (const key of keys) {
    await objects.updateOne({ _key: key }, { $set: data }); // expect: n-plus-one-query
  }
}

module.exports = { setFields, addMembers, collectionStats, setFieldsOneByOne };
