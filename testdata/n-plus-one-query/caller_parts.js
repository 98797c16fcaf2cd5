// A helper walking a parameter: when every call in the file passes the parts of one record
// (the steps of one imported recipe) or a constant, its queries are not reported; a helper
// some caller hands the rows of a query or a request's list is.
const { Step, Tag, Recipe } = require('./models');

const DEFAULT_TAGS = ['quick', 'vegan'];

async function saveSteps(recipe, steps) {
  for (const step of steps ?? []) {
    await Step.create({ recipeId: recipe.id, text: step.text });
  }
}

async function saveTags(recipe, names) {
  for (const name of names) {
    await Tag.findOrCreate({ where: { name, recipeId: recipe.id } });
  }
}

async function importRecipe(job) {
  const recipeJson = job.recipe;
  const recipe = await Recipe.create({ title: recipeJson.title });
  await saveSteps(recipe, recipeJson['steps']);
  await saveTags(recipe, DEFAULT_TAGS);
  return recipe;
}

async function copyTags(recipe, tags) {
  for (const tag of tags) {
    await Tag.create({ name: tag.name, recipeId: recipe.id }); // expect: n-plus-one-query
  }
}

async function copyRecipe(source, target) {
  const tags = await Tag.findAll({ where: { recipeId: source.id } });
  await copyTags(target, tags);
}

async function addTags(req, res) {
  const recipe = await Recipe.findByPk(req.params.id);
  await copyTags(recipe, req.body.tags);
  res.sendStatus(204);
}

module.exports = { importRecipe, copyRecipe, addTags };
