import { badgeLabels } from '../services/badges';

interface Request {
  body: { ids: string[] };
}

interface Response {
  json(body: unknown): void;
}

// A handler calling into a service module: the loop there is served code.
export async function listBadges(req: Request, res: Response) {
  res.json(await badgeLabels(req.body.ids));
}
