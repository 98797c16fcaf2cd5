// The URL of a JSON API held in a module constant: quiet. A file host's URL in a
// constant: reported.
const STATUS_API = 'https://status.example.org/api/v2/summary';
const RELEASES = 'https://downloads.example.org/releases/latest.json';

async function serviceStatus() {
  const reply = await fetch(STATUS_API);
  return JSON.parse(await reply.text());
}

async function latestRelease() {
  const reply = await fetch(RELEASES);
  return JSON.parse(await reply.text()); // expect: unguarded-json-parse
}

module.exports = { serviceStatus, latestRelease };
