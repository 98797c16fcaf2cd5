import { NodeSelection } from 'prosemirror-state';
import { Order } from './models/order';
import { TokenView } from './views/token-view';

class ReportDto {
  static create(fields: { id: string; total: number }): ReportDto {
    return Object.assign(new ReportDto(), fields);
  }
}

// Factories of plain objects: no query runs.
export function toDtos(rows: { id: string; total: number }[]): ReportDto[] {
  return rows.map((row) => ReportDto.create({ id: row.id, total: row.total }));
}

export function views(tokens: { label: string }[]) {
  return tokens.map((token) => TokenView.create({ label: token.label }));
}

export function selections(doc: unknown, positions: number[]) {
  const out = [];
  for (const pos of positions) {
    out.push(NodeSelection.create(doc as never, pos));
  }
  return out;
}

// A model imported from the models module still runs one insert per row.
export async function importOrders(rows: { customerId: string }[]) {
  for (const row of rows) {
    await Order.create({ customerId: row.customerId }); // expect: n-plus-one-query
  }
}
