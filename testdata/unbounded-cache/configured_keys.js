// Keys fixed by the deployment's configuration (the environment, a configured Redis URL)
// and a cache of the app's own templates are not reported; a cache keyed by a user id is.
const fs = require('fs');

const clients = {};

function storeClient(environment) {
  if (!clients[environment]) {
    clients[environment] = { environment };
  }
  return clients[environment];
}

const redisClients = {};

function redisClientFor(redisUrl) {
  if (!(redisUrl in redisClients)) redisClients[redisUrl] = { url: redisUrl };
  return redisClients[redisUrl];
}

const templateCache = new Map();

function render(ejspath) {
  let template = templateCache.get(ejspath);
  if (!template) {
    template = fs.readFileSync(ejspath, 'utf8');
    templateCache.set(ejspath, template);
  }
  return template;
}

const memberCache = {}; // expect: unbounded-cache

function memberInfo(userId) {
  if (!memberCache[userId]) {
    memberCache[userId] = { userId };
  }
  return memberCache[userId];
}

module.exports = { storeClient, redisClientFor, render, memberInfo };
