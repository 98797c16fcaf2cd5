// Calls nested in other expressions: the walk must reach each of them.
import WebSocket from 'ws';

interface Order {
  id: string;
  slot: number;
}

const wss = new WebSocket.Server({ port: 8080 });
wss.on('connection', (ws) => {
  ws.on('message', async (data: string) => {
    handleOrder(JSON.parse(data)); // expect: unguarded-json-parse
    const orders = [JSON.parse(data)]; // expect: unguarded-json-parse
    const index = { order: JSON.parse(data) }; // expect: unguarded-json-parse
    const first = (JSON.parse(data)); // expect: unguarded-json-parse
    const typed = JSON.parse(data) as Order; // expect: unguarded-json-parse
    const checked = JSON.parse(data) satisfies Order; // expect: unguarded-json-parse
    const sure = JSON.parse(data)!.id; // expect: unguarded-json-parse
    log(`order ${JSON.parse(data).id}`); // expect: unguarded-json-parse
    const kind = data ? JSON.parse(data) : null; // expect: unguarded-json-parse
    const copy = { ...JSON.parse(data) }; // expect: unguarded-json-parse
    const list = [...JSON.parse(data)]; // expect: unguarded-json-parse
    const keyed = { [JSON.parse(data).id]: 1 }; // expect: unguarded-json-parse
    items[JSON.parse(data).slot] = 1; // expect: unguarded-json-parse
    const awaited = await Promise.resolve(JSON.parse(data)); // expect: unguarded-json-parse
    const made = new Map(JSON.parse(data)); // expect: unguarded-json-parse
    const { id = JSON.parse(data).id } = {}; // expect: unguarded-json-parse
    const later = (fallback = JSON.parse(data)) => fallback; // expect: unguarded-json-parse
    const both = (log(data), JSON.parse(data)); // expect: unguarded-json-parse
    total += JSON.parse(data).slot; // expect: unguarded-json-parse
    if (data) handleOrder(JSON.parse(data)); // expect: unguarded-json-parse
    else for (const part of parts) handleOrder(JSON.parse(data)); // expect: unguarded-json-parse
  });
});
