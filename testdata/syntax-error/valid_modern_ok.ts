import type { Request, Response } from 'express';

type Handler = (req: Request, res: Response) => Promise<void>;

const config = { retries: 3, timeoutMs: 5_000 } satisfies Record<string, number>;

function Controller(prefix: string) {
  return <T extends new (...args: any[]) => object>(target: T) => target;
}

@Controller('/users')
export class UsersController {
  #cache = new Map<string, unknown>();

  async find(id?: string): Promise<unknown> {
    return this.#cache.get(id ?? '') ?? null;
  }
}

export const handler: Handler = async (req, res) => {
  const { id = 'me', ...rest } = req.params as Record<string, string>;
  res.json({ id, rest, retries: config.retries });
};
