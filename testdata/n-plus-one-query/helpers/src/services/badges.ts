import { pool } from '../db';
import { loadUser } from './users';

export async function badgeLabels(ids: string[]) {
  const labels: string[] = [];
  for (const id of ids) {
    const user = await loadUser(id); // expect: n-plus-one-query
    labels.push(String(user));
  }
  return labels;
}

export async function countBadges() {
  return pool.query('SELECT count(*) FROM badges');
}

// Run from a script only: not reported.
export async function exportBadges(ids: string[]) {
  for (const id of ids) {
    process.stdout.write(String(await loadUser(id)));
  }
}
