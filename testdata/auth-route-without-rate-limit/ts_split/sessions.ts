import { Router } from 'express';
import { createSession, issueToken, refresh } from './handlers';

export const sessions = Router();

sessions.post('/sessions', createSession); // expect: auth-route-without-rate-limit
sessions.post('/oauth/token', issueToken); // expect: auth-route-without-rate-limit
sessions.post('/oauth/token/refresh', refresh);
