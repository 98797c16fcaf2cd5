// An example bot of the documentation: quiet.
const RELEASES = 'https://downloads.example.org/releases/latest.json';

async function latestRelease() {
  const reply = await fetch(RELEASES);
  return JSON.parse(await reply.text());
}

module.exports = { latestRelease };
