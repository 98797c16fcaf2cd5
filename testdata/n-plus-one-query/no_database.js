// Calls named like queries with nothing behind them that reaches a database: a module
// handed in by an AMD loader (`Util.find` reads a nested property), an in-memory fake store
// calling its own methods, a tree searched with a callback, an entity "manager" of an
// in-memory drive in a file that never mentions an ORM. None is reported; a model imported
// from the models and a TypeORM manager are.
const { getManager } = require('typeorm');
const { User } = require('./models');

define(['/common/util.js'], function (Util) {
  function summaries(teams) {
    return Object.keys(teams).map(function (id) {
      return Util.find(teams[id], ['keys', 'drive', 'edPublic']);
    });
  }
  return { summaries };
});

class FakeStageStore {
  constructor() {
    this.rows = [];
  }

  async insertOne(stage) {
    this.rows.push(stage);
  }

  async insert(stages) {
    await Promise.all(stages.map(async (stage) => this.insertOne(stage)));
  }
}

function leaves(tree, ids) {
  return ids.map((id) => tree.findAll((node) => node.parentId === id));
}

async function loadOwners(posts) {
  for (const post of posts) {
    post.owner = await User.findOne({ where: { id: post.ownerId } }); // expect: n-plus-one-query
  }
}

async function removeAll(ids) {
  const manager = getManager();
  for (const id of ids) {
    await manager.delete('users', { id }); // expect: n-plus-one-query
  }
}

module.exports = { FakeStageStore, leaves, loadOwners, removeAll };
