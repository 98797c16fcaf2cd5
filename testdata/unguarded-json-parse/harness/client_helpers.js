async function makeInvoice(client, data) {
  const res = await client.post('/invoices/new').send(data);
  expect(res.status).toBe(200);
  return JSON.parse(res.text).invoiceId;
}

async function fetchRemote(client, calls) {
  const res = await fetch('https://files.example.net/list.json');
  expect(calls).toBeLessThan(10);
  return JSON.parse(await res.text()); // expect: unguarded-json-parse
}

module.exports = { makeInvoice, fetchRemote };
