// A response body parsed after the status was tested is the API's success answer; the
// same parse with no status test (or a test of another response) is reported.
export async function exchangeCode(code: string): Promise<unknown> {
  const reply: Response = await fetch("https://auth.example.net/oauth/token", { method: "POST", body: code });
  const raw: string = await reply.text();
  if (!reply.ok) return { error: "exchange failed" };
  return JSON.parse(raw);
}

export async function profile(token: string): Promise<unknown> {
  const answer = await fetch(`https://auth.example.net/me?token=${token}`);
  if (answer.status !== 200) throw new Error("profile lookup failed");
  return JSON.parse(await answer.text());
}

export async function avatar(token: string): Promise<unknown> {
  const first = await fetch(`https://auth.example.net/me?token=${token}`);
  const second = await fetch(`https://cdn.example.net/avatar?token=${token}`);
  if (!first.ok) return null;
  return JSON.parse(await second.text()); // expect: unguarded-json-parse
}

export async function unchecked(token: string): Promise<unknown> {
  const reply = await fetch(`https://auth.example.net/me?token=${token}`);
  const raw: string = await reply.text();
  const parsed: unknown = JSON.parse(raw); // expect: unguarded-json-parse
  if (!reply.ok) return null;
  return parsed;
}
