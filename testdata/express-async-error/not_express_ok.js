// Koa and Fastify forward rejected promises themselves.
const Koa = require('koa');
const Router = require('@koa/router');
const fastify = require('fastify')();

const app = new Koa();
const router = new Router();

router.get('/users', async (ctx) => {
  ctx.body = await User.find();
});

fastify.get('/users', async (request, reply) => {
  return User.find();
});

app.use(router.routes());

const cache = new Map();
cache.get('key', async () => {
  await refresh();
});
