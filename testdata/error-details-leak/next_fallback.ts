// `next ? next(err) : res.json(err)`: Express always passes `next`, so the error goes to
// its error handler and the fallback answer never runs. An answer that does not depend on
// `next` being present still sends the error.
import express, { NextFunction, Request, Response } from "express";
import passport from "passport";

export const app = express();

app.post("/login", (req: Request, res: Response, next?: NextFunction) => {
  passport.authenticate("local", async (err: any, user: any) => {
    try {
      if (err || !user) {
        return next ? next(err) : res.status(401).json(err);
      }
      return res.json({ ok: true });
    } catch (error: any) {
      return next ? next(error) : res.status(500).json(error);
    }
  })(req, res, next);
});

app.post("/signup", (req: Request, res: Response, next: NextFunction) => {
  passport.authenticate("signup", (err: any, user: any) => {
    if (err) {
      return user ? next(err) : res.status(500).json(err); // expect: error-details-leak
    }
    return res.json({ id: user.id });
  })(req, res, next);
});

app.use((err: Error, req: Request, res: Response, next: NextFunction) => {
  if (res.headersSent) return next(err);
  res.status(500).json({ error: "Internal Server Error" });
});
