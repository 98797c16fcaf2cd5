// A channel the same module publishes JSON.stringify output on (through a name): the
// messages it receives there are its own. Quiet.
import { pubSub } from "./pubsub";

const RELEASES = "latest-release";

export async function announceRelease(release: { version: string }): Promise<void> {
  const payload = JSON.stringify(release);
  await pubSub.publish(RELEASES, payload);
}

export function watchReleases(onRelease: (r: { version: string }) => void): void {
  pubSub.on('message', (channel: string, message: string) => {
    const release = JSON.parse(message);
    onRelease(release);
  });
}
