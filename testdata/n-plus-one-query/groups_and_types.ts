// One query per type of thing (a bare `type` may be a row's value and is still reported)
// or per group of ids fetched with one IN, row by row only
// after a batch write failed, and a counting loop over a sorted copy of a list written in
// the code are not reported; the same queries per row are.
import { In, Repository } from 'typeorm';
import { Edge } from './entities/edge';
import { Mapping } from './entities/mapping';

const KINDS: { id: number; name: string }[] = [
  { id: 2, name: 'link' },
  { id: 1, name: 'mention' },
];

export class GraphService {
  constructor(
    private readonly edgeRepository: Repository<Edge>,
    private readonly mappingRepository: Repository<Mapping>,
  ) {}

  async resetTypes(nodeTypes: string[], edges: Edge[]): Promise<void> {
    for (const nodeType of nodeTypes) {
      await this.edgeRepository.delete({ nodeType });
    }
    for (const type of nodeTypes) {
      await this.edgeRepository.delete({ nodeType: type }); // expect: n-plus-one-query
    }
    for (const edge of edges) {
      await this.edgeRepository.delete({ id: edge.id }); // expect: n-plus-one-query
    }
  }

  async mappingsByResource(idsByResource: Map<string, string[]>): Promise<Mapping[]> {
    const found: Mapping[] = [];
    for (const localIds of idsByResource.values()) {
      found.push(...(await this.mappingRepository.findBy({ localId: In(localIds) })));
    }
    for (const edge of await this.edgeRepository.find()) {
      found.push(...(await this.mappingRepository.findBy({ localId: edge.targetId }))); // expect: n-plus-one-query
    }
    return found;
  }

  async saveEdges(edges: Edge[]): Promise<void> {
    try {
      await this.edgeRepository.delete({ stale: true });
    } catch (err) {
      for (const edge of edges) {
        await this.edgeRepository.save(edge); // expect: n-plus-one-query
      }
    }
  }

  async seedKinds(): Promise<void> {
    const ordered = [...KINDS].sort((a, b) => a.id - b.id);
    for (let i = 0; i < ordered.length; i++) {
      await this.edgeRepository.delete({ nodeType: ordered[i].name });
    }
  }
}
