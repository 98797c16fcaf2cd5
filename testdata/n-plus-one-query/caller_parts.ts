// A helper walking a parameter: when every call in the file passes the parts of one record
// (the steps of one imported recipe) or a constant, its queries are not reported; a helper
// some caller hands the rows of a query or a request's list is, and so is an exported
// helper, whose callers in other files are not read.
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

const DEFAULT_TAGS = ['quick', 'vegan'];

type StepData = { text: string };

async function saveSteps(recipeId: string, steps: StepData[]): Promise<void> {
  for (const step of steps) {
    await prisma.step.create({ data: { recipeId, text: step.text } });
  }
}

class TagWriter {
  private async saveTags(recipeId: string, names: string[]): Promise<void> {
    for (const name of names) {
      await prisma.tag.upsert({ where: { name }, create: { name, recipeId }, update: {} });
    }
  }

  async importTags(recipeId: string): Promise<void> {
    await this.saveTags(recipeId, DEFAULT_TAGS);
  }
}

export async function importRecipe(job: { recipe: Record<string, StepData[]> }): Promise<TagWriter> {
  const recipeJson = job.recipe;
  const recipe = await prisma.recipe.create({ data: { title: 'imported' } });
  await saveSteps(recipe.id, recipeJson['steps']);
  return new TagWriter();
}

async function copySteps(recipeId: string, steps: StepData[]): Promise<void> {
  for (const step of steps) {
    await prisma.step.create({ data: { recipeId, text: step.text } }); // expect: n-plus-one-query
  }
}

export async function duplicate(sourceId: string, targetId: string): Promise<void> {
  const steps = await prisma.step.findMany({ where: { recipeId: sourceId } });
  await copySteps(targetId, steps);
}

export async function saveAllSteps(recipeId: string, steps: StepData[]): Promise<void> {
  for (const step of steps) {
    await prisma.step.create({ data: { recipeId, text: step.text } }); // expect: n-plus-one-query
  }
}

export async function importOne(text: string): Promise<void> {
  const recipeJson = JSON.parse(text);
  await saveAllSteps('one', recipeJson['steps']);
}
