type Request = { params: Record<string, string | undefined>; user?: string };

export async function createContacts(req: Request): Promise<number> {
  if (!req.user || !req.params.contacts) {
    throw new Error('Missing contacts.');
  }
  const contacts: unknown[] = JSON.parse(req.params.contacts);
  return contacts.length;
}

export async function createDocs(req: Request): Promise<number> {
  const docs: unknown[] = JSON.parse(req.params.docs!); // expect: unguarded-json-parse
  return docs.length;
}
