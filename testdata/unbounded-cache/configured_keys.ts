// Keys fixed by the code or by the deployment's configuration: the regions, environments and
// connections an operator configures, the HTTP methods and status codes, a property naming
// one (`client.regionKey`), the collection of a model class. The caches they key hold a
// handful of entries and are not reported; the same caches keyed by a user id are.
import { S3Client } from '@aws-sdk/client-s3';

const s3Clients = new Map<string, S3Client>();

export function s3ClientFor(region: string): S3Client {
  let client = s3Clients.get(region);
  if (!client) {
    client = new S3Client({ region });
    s3Clients.set(region, client);
  }
  return client;
}

const samplers: Record<string, { start(): void }> = {};

export function startSamplers(clients: Array<{ regionKey: string }>): void {
  for (const client of clients) {
    if (!(client.regionKey in samplers)) {
      samplers[client.regionKey] = { start() {} };
      samplers[client.regionKey].start();
    }
  }
}

const statusLabels = new Map<number, string>();

export function statusLabel(statusCode: number): string {
  let label = statusLabels.get(statusCode);
  if (!label) {
    label = String(statusCode);
    statusLabels.set(statusCode, label);
  }
  return label;
}

const indexesUpdated = new Set<string>();

export class BaseModel {
  constructor(private config: { collectionName: string }) {}

  ensureIndexes(): void {
    if (indexesUpdated.has(this.config.collectionName)) return;
    indexesUpdated.add(this.config.collectionName);
  }
}

const clientsByUser = new Map<string, S3Client>(); // expect: unbounded-cache

export function clientForUser(userId: string): S3Client {
  let client = clientsByUser.get(userId);
  if (!client) {
    client = new S3Client({});
    clientsByUser.set(userId, client);
  }
  return client;
}
