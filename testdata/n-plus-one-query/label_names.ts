// The keywords written in one recipe's text, found or created by name, are not reported;
// the same lookups over the rows of a query or a list handed in as a parameter are.
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function keywordsOfText(recipeText: string): Promise<void> {
  const names = recipeText.split(';').map((n) => n.trim());
  for (const name of names) {
    await prisma.keyword.upsert({ where: { name }, create: { name }, update: {} });
  }
}

export async function copyTagNames(): Promise<void> {
  const tags = await prisma.tag.findMany();
  for (const tag of tags) {
    await prisma.keyword.upsert({ where: { name: tag.name }, create: { name: tag.name }, update: {} }); // expect: n-plus-one-query
  }
}

export async function addKeywords(names: string[]): Promise<void> {
  for (const name of names) {
    await prisma.keyword.upsert({ where: { name }, create: { name }, update: {} }); // expect: n-plus-one-query
  }
}
