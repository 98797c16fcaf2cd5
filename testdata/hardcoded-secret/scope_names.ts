// The same shapes with a credential in them are still reported.
import OpenAI from 'openai';
import { Pool } from 'pg';

// Constants that are settings, not names of fields: reported.
const DB_HOST = 'db.internal';
const DB_USER = 'app';
const DB_PASSWORD = 'password'; // expect: hardcoded-secret

class ProductionConfig {
  constructor() {
    this.databaseUrl = 'postgresql://app:s3cretpw@db/app'; // expect: hardcoded-secret
  }
}

const warehouseConfig = {
  defaultDatabaseUrl: 'mysql://root:rootpw9@db:3306/app', // expect: hardcoded-secret
};

const DEFAULTS = {
  SESSION_SECRET: 'flowerpot', // expect: hardcoded-secret
};

// Used by a connection too, not only as the fallback of a read: reported.
const LOCAL_DATABASE = 'postgresql://postgres:pg-local-1@127.0.0.1:5432/app'; // expect: hardcoded-secret
const databaseUrl = process.env.DATABASE_URL || LOCAL_DATABASE;
const pool = new Pool({ connectionString: LOCAL_DATABASE });

const API_KEY_SECRET = 'default_secret_4c9e'; // expect: hardcoded-secret

const getCredentials = () =>
  Promise.resolve({ clientId: 'deploy client', accessToken: '123fgt9a' }); // expect: hardcoded-secret

function adminLogin() {
  return { username: 'admin', password: 'password' }; // expect: hardcoded-secret
}

function remoteModel(config: { apiUrl: string }) {
  return new OpenAI({ baseURL: config.apiUrl, apiKey: 'ollama' }); // expect: hardcoded-secret
}

const vendorSettings = {
  host: 'api.vendor.io',
  region: 'eu-west-1',
  API_KEY: 'x9Qv+API_KEY', // expect: hardcoded-secret
};

export {
  DB_HOST, DB_USER, DB_PASSWORD, ProductionConfig, warehouseConfig, DEFAULTS,
  databaseUrl, pool, API_KEY_SECRET, getCredentials, adminLogin, remoteModel, vendorSettings,
};
