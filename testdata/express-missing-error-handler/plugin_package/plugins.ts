import type { Express } from 'express';
import { installObservability } from '@acme/observability';

export function setupPlugins(app: Express): void {
  installObservability(app);
}
