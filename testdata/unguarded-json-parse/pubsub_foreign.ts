// A channel other programs publish on: reported.
import { pubSub } from "./pubsub";

export function watchOrders(onOrder: (o: unknown) => void): void {
  pubSub.on('message', (channel: string, message: string) => {
    const order = JSON.parse(message); // expect: unguarded-json-parse
    onOrder(order);
  });
}
