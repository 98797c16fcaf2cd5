import { z } from 'zod';

const authSchema = z.object({
  session: z.object({ secret: z.string().min(32), lifetime: z.number().optional() }),
});

// The schema's safeParse is the startup check of the value: not a use of it.
const parsed = authSchema.safeParse({
  session: {
    secret: process.env.AUTH_SESSION_SECRET,
    lifetime: Number(process.env.AUTH_SESSION_LIFETIME ?? 86400),
  },
});
if (!parsed.success) {
  console.error(parsed.error.message);
  process.exit(1);
}

export default parsed.data;
