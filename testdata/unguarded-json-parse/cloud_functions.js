// Cloud functions: the runtime turns what they throw into an error response, and they
// report their own errors by throwing.
async function createContacts(req) {
  if (!req.params?.contacts) {
    throw new Error('Please provide contacts.');
  }
  const contacts = JSON.parse(req.params.contacts);
  return contacts.length;
}

async function createDocs(request) {
  const docs = JSON.parse(request.params.docs);
  try {
    return await startInBackground(docs);
  } catch (err) {
    throw new Error(err?.message || 'Something went wrong.');
  }
}

// No throw of its own: the SyntaxError is the only error its caller gets from it.
async function createBatch(req) {
  const batch = JSON.parse(req.params.batch); // expect: unguarded-json-parse
  return batch.length;
}

// The throw belongs to a callback it defines, not to the function.
async function createTags(req, items) {
  const tags = JSON.parse(req.params.tags); // expect: unguarded-json-parse
  return items.map((item) => {
    if (!item) throw new Error('empty item');
    return { item, tags };
  });
}

module.exports = { createContacts, createDocs, createBatch, createTags };
