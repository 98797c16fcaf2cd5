// Calls named like queries with nothing behind them that reaches a database: an in-memory
// fake store calling its own methods, a scene tree searched with a callback. Neither is
// reported; a finder a Sequelize model inherits is.
import { Model } from 'sequelize';
import { Stage } from './stage';

interface Node {
  id: string;
  parentId?: string;
}

export class FakeStageStore {
  private rows: Stage[] = [];

  async insertOne(stage: Stage): Promise<void> {
    this.rows.push(stage);
  }

  async insert(stages: Stage[]): Promise<void> {
    await Promise.all(stages.map(async (stage) => this.insertOne(stage)));
  }
}

export class SceneConverter {
  constructor(private tree: { findAll(test: (n: Node) => boolean): Node[] }) {}

  children(ids: string[]): Node[][] {
    return ids.map((id) => this.tree.findAll((node) => node.parentId === id));
  }
}

export class Membership extends Model {
  declare sourceId: string;

  static async sources(memberships: Membership[]): Promise<Array<Membership | null>> {
    const sources: Array<Membership | null> = [];
    for (const membership of memberships) {
      sources.push(await this.findByPk(membership.sourceId)); // expect: n-plus-one-query
    }
    return sources;
  }
}
