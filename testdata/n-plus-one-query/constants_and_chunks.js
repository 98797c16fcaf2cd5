// Loops whose length the code fixes or that already work in chunks: an array of models
// written in the code, a constant imported from another module of the project, a while
// loop that deletes a chunk of rows per turn, one statement per table, one query per week
// of a report, one query per bundle of ids. Their queries are not reported; the same
// queries over stored rows are.
const knex = require('knex')({ client: 'pg' });
import { PLANS } from './plans';
import { defaultSliders } from '../constants/discover';
import { activeSliders } from '../services/discover';
import { Plan, Slider, User } from './models';

const ADMIN = 'admin';
const MEMBER = 'member';
const COUNTED_ROLES = [ADMIN, MEMBER];

async function roleCounts() {
  const out = {};
  for (const role of COUNTED_ROLES) {
    out[role] = await User.count({ where: { role } });
  }
  return out;
}

async function teamCounts(teams) {
  const out = {};
  for (const team of teams) {
    out[team.id] = await User.count({ where: { teamId: team.id } }); // expect: n-plus-one-query
  }
  return out;
}

async function syncPlans() {
  for (const plan of PLANS) {
    await Plan.findOrCreate({ where: { code: plan.code } });
  }
  for (const slider of defaultSliders) {
    await Slider.findOrCreate({ where: { type: slider.type } });
  }
  for (const slider of activeSliders) {
    await Slider.findOrCreate({ where: { type: slider.type } }); // expect: n-plus-one-query
  }
}

async function purgeSpace(spaceId) {
  let rows = await knex('audit').where({ space_id: spaceId }).limit(500);
  while (rows.length > 0) {
    await knex('audit').whereIn('id', rows.map((r) => r.id)).del();
    rows = await knex('audit').where({ space_id: spaceId }).limit(500);
  }
}

async function truncateAll(tableNames) {
  for (const tableName of tableNames) {
    await knex(tableName).truncate();
  }
}

async function deleteUsers(users) {
  for (const user of users) {
    await knex('users').where({ id: user.id }).del(); // expect: n-plus-one-query
  }
}

async function weeklyRollup(weeks) {
  for (const { weekStart } of weeks) {
    await knex('daily_stats').where('day', '>=', weekStart).del();
  }
}

async function userRollup(users) {
  for (const { userId } of users) {
    await knex('daily_stats').where('user_id', userId).del(); // expect: n-plus-one-query
  }
}

async function backup(itemUuidBundles) {
  for (const itemUuidBundle of itemUuidBundles) {
    await knex('items').whereIn('uuid', itemUuidBundle);
  }
}

module.exports = { roleCounts, teamCounts, syncPlans, purgeSpace, truncateAll, deleteUsers, weeklyRollup, userRollup, backup };
