import { createServer, IncomingMessage } from 'http';
import { Server as EngineServer } from 'engine.io';

const trustedHosts = new Set((process.env.TRUSTED_HOSTS || '').split(','));

function admitted(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  return typeof origin === 'string' && trustedHosts.has(new URL(origin).host);
}

const engine = new EngineServer({
  transports: ['polling'],
  cors: { origin: true, credentials: true },
  allowRequest: (req, callback) => callback(null, admitted(req)),
});

engine.attach(createServer());

export { engine };
