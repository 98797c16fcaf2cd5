// Files the application ships or its operator supplies: quiet.
import { readFileSync } from 'fs';
import { readFile } from 'fs/promises';
import path from 'path';

export function loadExportFile(filePath: string): object {
  return JSON.parse(readFileSync(filePath, 'utf8'));
}

export class ExportImportService {
  async importFromFile(file: string, project: string): Promise<object> {
    const content = await readFile(file, 'utf8');
    const data = JSON.parse(content);
    return { project, data };
  }
}

export async function loadSupplements(paths: string[]): Promise<object[]> {
  return Promise.all(paths.map(async (p) => JSON.parse(await readFile(p, 'utf8'))));
}

export function loadTemplate(templateDir: string, name: string): object {
  return JSON.parse(readFileSync(path.join(templateDir, `${name}.json`), 'utf8'));
}
