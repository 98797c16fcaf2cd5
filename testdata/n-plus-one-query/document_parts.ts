// The parts of one parsed document (the steps of one imported recipe, the items of one
// comma-separated field) are not reported; a request's list and the rows of a query are.
// The handler types are declared here: an import of Express would make every `app.get` of
// the other fixtures in this directory an Express route.
type Request = { body: Record<string, string[]> };
type Response = { sendStatus(code: number): void };
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function importRecipe(text: string): Promise<void> {
  const recipeJson = JSON.parse(text);
  for (const step of recipeJson['steps']) {
    await prisma.step.create({ data: { text: step.text } });
  }
  for (const name of recipeJson['keywords'].split(';')) {
    await prisma.tag.upsert({ where: { name }, create: { name }, update: {} });
  }
}

export async function addTags(req: Request, res: Response): Promise<void> {
  const payload = req.body;
  for (const name of payload['tags']) {
    await prisma.tag.upsert({ where: { name }, create: { name }, update: {} }); // expect: n-plus-one-query
  }
  res.sendStatus(204);
}

export async function copySteps(recipeId: string): Promise<void> {
  const steps = await prisma.step.findMany({ where: { recipeId } });
  for (const step of steps) {
    await prisma.step.create({ data: { recipeId, text: step.text } }); // expect: n-plus-one-query
  }
}
