// A value the application stored in its own Redis or cache, looked up under a key the
// request names: quiet. The request's own text parsed the same way: reported.
import "express-async-errors";
import { Router, Request, Response } from "express";
import { sessionCache } from "./storage";

const router = Router();

router.get("/oauth/callback", async (req: Request, res: Response) => {
  const state = JSON.parse(await sessionCache.get(`oauth:${req.query.state}`));
  res.json({ redirect: state.redirectUri });
});

router.get("/oauth/start", (req: Request, res: Response) => {
  const options = JSON.parse(String(req.query.options)); // expect: unguarded-json-parse
  res.json({ options });
});

export default router;
