// The parts of one parsed document (the tags of one imported recipe, the items of one
// comma-separated field) are not reported; a request's list and the rows of a query are.
const { Tag, Step } = require('./models');

async function importRecipe(text) {
  const recipeJson = JSON.parse(text);
  for (const tag of recipeJson['tags']) {
    await Tag.findOrCreate({ where: { name: tag } });
  }
  for (const name of recipeJson['keywords'].split(',')) {
    await Tag.findOrCreate({ where: { name } });
  }
}

async function addTags(req, res) {
  for (const name of req.body['tags']) {
    await Tag.findOrCreate({ where: { name } }); // expect: n-plus-one-query
  }
  res.sendStatus(204);
}

async function copySteps(recipeId) {
  const steps = await Step.findAll({ where: { recipeId } });
  for (const step of steps) {
    await Step.create({ recipeId, text: step.text }); // expect: n-plus-one-query
  }
}

module.exports = { importRecipe, addTags, copySteps };
