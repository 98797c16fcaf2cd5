// The parts of one object the function has just created (the tags of the one recipe read
// from a file) are not reported; the same writes over the request's list, a list handed in
// as a parameter or the rows of a query are.
const { PrismaClient } = require('@prisma/client');

const prisma = new PrismaClient();

async function recipeFromText(text) {
  const lines = text.split('\n').filter((l) => l.trim());
  const tagNames = [];
  for (const line of lines) {
    if (line.startsWith('#')) tagNames.push(line.slice(1));
  }
  const recipe = await prisma.recipe.create({ data: { name: lines[0] } });
  for (const name of tagNames) {
    await prisma.recipeTag.create({ data: { recipeId: recipe.id, name } });
  }
  return recipe;
}

async function placeOrder(req, res) {
  const order = await prisma.order.create({ data: { userId: req.user.id } });
  const lines = req.body.lines;
  for (const line of lines) {
    await prisma.orderLine.create({ data: { orderId: order.id, productId: line.product } }); // expect: n-plus-one-query
  }
  res.json(order);
}

async function placeOrderOf(userId, lines) {
  const order = await prisma.order.create({ data: { userId } });
  for (const line of lines) {
    await prisma.orderLine.create({ data: { orderId: order.id, productId: line.product } }); // expect: n-plus-one-query
  }
  return order;
}

async function copyRecipe(sourceId) {
  const recipe = await prisma.recipe.create({ data: { name: 'copy' } });
  const tags = await prisma.recipeTag.findMany({ where: { recipeId: sourceId } });
  for (const tag of tags) {
    await prisma.recipeTag.create({ data: { recipeId: recipe.id, name: tag.name } }); // expect: n-plus-one-query
  }
  return recipe;
}

module.exports = { recipeFromText, placeOrder, placeOrderOf, copyRecipe };
