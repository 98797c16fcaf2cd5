// The URL of a JSON API held in a module constant: quiet. A file host's URL in a
// constant: reported.
const STATUS_API: string = "https://status.example.org/api/v2/summary";
const RELEASES: string = "https://downloads.example.org/releases/latest.json";

export async function serviceStatus(): Promise<unknown> {
  const reply = await fetch(STATUS_API);
  return JSON.parse(await reply.text());
}

export async function latestRelease(): Promise<unknown> {
  const reply = await fetch(RELEASES);
  return JSON.parse(await reply.text()); // expect: unguarded-json-parse
}
