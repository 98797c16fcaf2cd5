const express = require('express');
const { PrismaClient } = require('@prisma/client');

const app = express();
const prisma = new PrismaClient();
const redis = { ping: async () => 'PONG' };

app.get('/health', async (req, res) => {
  try {
    // データベース接続確認
    await prisma.$queryRaw`SELECT 1`;

    res.json({
      status: 'healthy',
      timestamp: new Date().toISOString(),
      uptime: process.uptime()
    });
  } catch (error) {
    res.status(503).json({
      status: 'unhealthy'
    });
  }
});

app.get('/health/detailed', async (req, res) => {
  const checks = {
    database: false,
    redis: false,
    memory: false
  };

  try {
    await prisma.$queryRaw`SELECT 1`;
    checks.database = true;

    await redis.ping();
    checks.redis = true;

    const memUsage = process.memoryUsage();
    checks.memory = memUsage.heapUsed / memUsage.heapTotal < 0.9;

    const allHealthy = Object.values(checks).every(v => v);

    res.status(allHealthy ? 200 : 503).json({
      status: allHealthy ? 'healthy' : 'unhealthy',
      checks
    });
  } catch (error) {
    res.status(503).json({
      status: 'unhealthy',
      checks
    });
  }
});

app.use((err, req, res, next) => res.status(500).json({ error: 'internal' }));

app.listen(3000);
