// Values that name no deployment's credential, by what holds them.
import OpenAI from 'openai';

// A module of constants naming the fields of a resolver's configuration.
const METHOD = 'method';
const ENDPOINT = 'endpoint';
const HEADERS = 'headers';
const USERNAME = 'username';
const PASSWORD = 'password';
const CLIENT_SECRET = 'client_secret';
const TIMEOUT = 'timeout';

class DevelopmentConfig {
  constructor() {
    this.databaseUrl = 'postgresql://app:s3cretpw@localhost/app_dev';
  }
}

const exampleWarehouseConfig: Record<string, unknown> = {
  enabled: true,
  defaultDatabaseUrl: 'mysql://root:rootpw9@localhost:3306/example',
  apiToken: 'tok-4f9a1c2b7e',
};

// Former defaults the app refuses when an operator sets one.
const WEAK_DEFAULTS = {
  JWT_SECRET: 'AABBCCDDEEFF00112233',
  SESSION_SECRET: 'flowerpot',
};

const LOCAL_DATABASE = 'postgresql://postgres:pg-local-1@127.0.0.1:5432/app';
const databaseUrl = process.env.DATABASE_URL || LOCAL_DATABASE;

// The documented default an installation is told to replace, in a client script.
const API_KEY_SECRET = 'acme_default_secret';

async function requestToken(fetch: typeof globalThis.fetch, url: string) {
  return fetch(url, {
    method: 'POST',
    body: JSON.stringify({ username: 'username', password: 'password', expire: '1h' }),
  });
}

function localModel(config: { ollama: { apiUrl: string } }) {
  return new OpenAI({ baseURL: config.ollama.apiUrl + '/v1', apiKey: 'ollama' });
}

const Operate = {
  READ: 'READ',
  EDIT: 'READ+EDIT',
  DELETE: 'READ+DELETE',
  API_KEY: 'READ+API_KEY',
};

const getMockCredentials = () =>
  Promise.resolve({ clientId: 'preview client', accessToken: '123fgt9a' });

const signupSchema = {
  type: 'object',
  example: { email: 'ada@acme.io', password: 'Sup3rS3cret!' },
};

export {
  METHOD, ENDPOINT, HEADERS, USERNAME, PASSWORD, CLIENT_SECRET, TIMEOUT,
  DevelopmentConfig, exampleWarehouseConfig, WEAK_DEFAULTS, databaseUrl,
  API_KEY_SECRET, requestToken, localModel, Operate, getMockCredentials, signupSchema,
};
