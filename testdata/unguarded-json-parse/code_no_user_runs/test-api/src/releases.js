// A member package that says it is a testing server: quiet.
const RELEASES = 'https://downloads.example.org/releases/latest.json';

async function latestRelease() {
  const reply = await fetch(RELEASES);
  return JSON.parse(await reply.text());
}

module.exports = { latestRelease };
