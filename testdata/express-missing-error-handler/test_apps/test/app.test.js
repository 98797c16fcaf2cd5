// Test code: the apps a test builds to exercise middleware are never served. With
// `test-files: []` in backlint.yaml each of them would be reported.
const express = require('express');
const request = require('supertest');
const app = require('../src/app');

describe('error middleware', () => {
  it('answers 500 with the message, for the assertion below', async () => {
    const probe = express();
    probe.get('/boom', (req, res, next) => next(new Error('boom')));
    probe.use((err, req, res, next) => res.status(500).send(err.message));
    const res = await request(probe).get('/boom');
    expect(res.text).toBe('boom');
  });

  it('treats a three-parameter error function as ordinary middleware', async () => {
    const probe = express();
    probe.use((err, req, res) => res.status(500).end());
    probe.get('/', (req, res) => res.send('ok'));
    await request(probe).get('/').expect(200);
  });

  it('runs routes without error middleware', async () => {
    const bare = express();
    bare.get('/', async (req, res) => {
      const user = await loadUser(req.query.id);
      res.json(user);
    });
    await request(bare).get('/').expect(200);
  });

  it('serves the real app', () => request(app).get('/users').expect(200));
});
