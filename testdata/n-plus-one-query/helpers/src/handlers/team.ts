import { pool } from '../db';
import loadProfile, { loadUser, displayName } from '../services/users';
import * as users from '../services/users';

interface Request {
  body: any;
}

interface Response {
  json(body: unknown): void;
}

interface Member {
  userId: string;
  name?: string;
  profile?: unknown;
  again?: unknown;
  tasks?: unknown;
}

async function countTasks(userId: string) {
  return pool.query('SELECT count(*) FROM tasks WHERE assignee = $1', [userId]);
}

function initials(name: string): string {
  return name.slice(0, 2).toUpperCase();
}

export async function teamMembers(req: Request, res: Response) {
  const members: Member[] = req.body.members;
  for (const m of members) {
    const user = await loadUser(m.userId); // expect: n-plus-one-query
    m.name = initials(displayName(user));
    m.profile = await loadProfile(m.userId); // expect: n-plus-one-query
    m.again = await users.loadUser(m.userId); // expect: n-plus-one-query
    m.tasks = await countTasks(m.userId); // expect: n-plus-one-query
  }
  res.json(members);
}

export class TeamService {
  async load(id: string) {
    return pool.query('SELECT * FROM teams WHERE id = $1', [id]);
  }

  async loadAll(ids: string[]) {
    return Promise.all(ids.map((id) => this.load(id))); // expect: n-plus-one-query
  }

  label(id: string): string {
    return `team ${id}`;
  }

  async handle(req: Request, res: Response) {
    res.json(await this.loadAll(req.body.ids));
  }

  labels(ids: string[]): string[] {
    return ids.map((id) => this.label(id));
  }
}

// A nightly job no request reaches: its loop of helper calls is left alone.
export async function nightlyRecount(memberIds: string[]) {
  for (const id of memberIds) {
    await countTasks(id);
  }
}
