import { Router, Request, Response } from 'express';
import { currentProfile, currentProfileWithAvatar } from './services/profile.mjs';
import ConfigStore from './services/config';

export const profileRoutes = Router();

profileRoutes.get('/profile', async (req: Request, res: Response) => {
  res.json(await currentProfile(String(req.headers.authorization)));
});

profileRoutes.get('/profile/full', async (req: Request, res: Response) => { // expect: express-async-error
  res.json(await currentProfileWithAvatar(String(req.headers.authorization)));
});

profileRoutes.get('/profile/config', async (req: Request, res: Response) => {
  res.json(await new ConfigStore().load());
});
