import { Repository, In } from 'typeorm';

export class OrderService {
  constructor(private readonly orderRepository: Repository<Order>, private readonly itemRepository: Repository<Item>) {}

  async withItems(orderIds: number[]): Promise<Order[]> {
    const orders: Order[] = [];
    for (const id of orderIds) {
      const order = await this.orderRepository.findOneBy({ id }); // expect: n-plus-one-query
      if (order) {
        order.items = await this.itemRepository.find({ where: { orderId: order.id } }); // expect: n-plus-one-query
        orders.push(order);
      }
    }
    return orders;
  }

  async withItemsBatched(orderIds: number[]): Promise<Order[]> {
    return this.orderRepository.find({ where: { id: In(orderIds) }, relations: ['items'] });
  }

  async labels(orders: Order[]): Promise<string[]> {
    const cache = new Map<number, string>();
    for (const order of orders) {
      cache.set(order.id, order.label);
    }
    return orders.map((o) => cache.get(o.id) ?? '').filter((l) => l.length > 0);
  }
}
