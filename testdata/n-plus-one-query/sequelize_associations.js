const { User, Post } = require('./models');

async function withOrderCounts() {
  const users = await User.findAll();
  for (const user of users) {
    user.orderCount = (await user.getOrders()).length; // expect: n-plus-one-query
    user.paid = await user.countOrders({ where: { paid: true } }); // expect: n-plus-one-query
    // Look-alike: a synchronous instance method and an attribute read.
    user.label = user.getFullName();
    user.raw = user.getDataValue('name');
  }
  return users;
}

async function commentsOfPage() {
  const { rows } = await Post.findAndCountAll({ limit: 20 });
  return Promise.all(rows.map((p) => p.getComments())); // expect: n-plus-one-query
}

// Look-alikes: items that do not come from a Sequelize finder, and one query with `include`.
async function contents(files) {
  const out = [];
  for (const f of files) {
    out.push(await f.getContents());
  }
  return out;
}

async function plainRows() {
  const posts = (await Post.findAll()).map((p) => p.toJSON());
  for (const p of posts) {
    await p.getStatus();
  }
}

async function withOrders() {
  return User.findAll({ include: ['orders'] });
}

module.exports = { withOrderCounts, commentsOfPage, contents, plainRows, withOrders };
