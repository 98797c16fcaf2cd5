// Database and HTTP client configuration of the billing service.
import * as https from 'node:https';
import type { ConnectionOptions } from 'node:tls';
import { readFileSync } from 'node:fs';
import axios, { type AxiosInstance } from 'axios';
import { createPool, type PoolOptions } from 'mysql2/promise';
import { Pool, type PoolConfig } from 'pg';
import { DataSource } from 'typeorm';
import got from 'got';
import { config } from './config';

interface ClientSettings {
  baseUrl: string;
  timeoutMs: number;
}

export const pgPool = new Pool({
  connectionString: config.databaseUrl,
  ssl: { rejectUnauthorized: false }, // expect: tls-verify-disabled@error
} satisfies PoolConfig);

const replicaConfig: PoolConfig = {
  connectionString: config.replicaUrl,
  max: 5,
  // expect: tls-verify-disabled@error
  ssl: { rejectUnauthorized: false } as ConnectionOptions,
};
export const replicaPool = new Pool(replicaConfig);

const mysqlOptions: PoolOptions = {
  uri: config.mysqlUrl,
  ssl: {
    rejectUnauthorized: false, // expect: tls-verify-disabled@error
  },
};
export const mysqlPool = createPool(mysqlOptions);

export const dataSource = new DataSource({
  type: 'postgres',
  url: config.databaseUrl,
  extra: { ssl: { rejectUnauthorized: false } }, // expect: tls-verify-disabled@error
});

const agentOptions: https.AgentOptions = { keepAlive: true, rejectUnauthorized: false }; // expect: tls-verify-disabled@error

export function createPartnerClient(settings: ClientSettings): AxiosInstance {
  return axios.create({
    baseURL: settings.baseUrl,
    timeout: settings.timeoutMs,
    httpsAgent: new https.Agent(agentOptions),
  });
}

const insecureTls = { rejectUnauthorized: false } as const; // expect: tls-verify-disabled@error

export async function fetchRates<T>(url: string): Promise<T> {
  return got(url, { https: insecureTls }).json<T>();
}

export function disableVerificationGlobally(): void {
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; // expect: tls-verify-disabled@error
}

// Verified connections: the CA is trusted explicitly.
const caBundle: string = readFileSync('/etc/ssl/certs/internal-ca.pem', 'utf8');

export const auditPool = new Pool({
  connectionString: config.auditUrl,
  ssl: { ca: caBundle, rejectUnauthorized: true },
} satisfies PoolConfig);

// A local Unix socket connection: no TLS at all, which is not what this rule is about.
export const socketPool = new Pool({ host: '/var/run/postgresql', database: 'billing', ssl: false });

export const verifiedAgent = new https.Agent({
  ca: caBundle,
  rejectUnauthorized: process.env.NODE_ENV !== 'development',
} as https.AgentOptions);

export async function fetchStatus(url: string): Promise<unknown> {
  return got(url, { https: { certificateAuthority: caBundle } }).json();
}
