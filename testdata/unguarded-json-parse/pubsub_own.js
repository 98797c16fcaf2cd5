// A channel the same module publishes JSON.stringify output on: the messages it receives
// there are its own. Quiet.
const { pubSub } = require('./pubsub');

const RELEASES = 'latest-release';

function announceRelease(release) {
  return pubSub.publish(RELEASES, JSON.stringify(release));
}

function watchReleases(onRelease) {
  pubSub.on('message', (channel, message) => {
    const release = JSON.parse(message);
    onRelease(release);
  });
}

module.exports = { announceRelease, watchReleases };
