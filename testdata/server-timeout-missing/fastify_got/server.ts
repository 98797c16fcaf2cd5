import Fastify from 'fastify';
import got from 'got';

const fastify = Fastify({ logger: true });

fastify.get('/api/repos/:owner', async (request) => {
  const { owner } = request.params as { owner: string };
  return got(`https://api.example.com/users/${owner}/repos`).json();
});

await fastify.listen({ port: 3000, host: '0.0.0.0' }); // expect: server-timeout-missing
