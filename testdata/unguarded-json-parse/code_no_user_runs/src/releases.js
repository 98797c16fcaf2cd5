// The app's own module: reported.
const RELEASES = 'https://downloads.example.org/releases/latest.json';

async function latestRelease() {
  const reply = await fetch(RELEASES);
  return JSON.parse(await reply.text()); // expect: unguarded-json-parse
}

module.exports = { latestRelease };
