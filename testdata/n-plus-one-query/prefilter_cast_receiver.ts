export async function deactivate(ids: string[]) {
  for (const id of ids) {
    await (User as any).update({ active: false }, { where: { id } }); // expect: n-plus-one-query
  }
}
