// Benchmark runner: drives the local cluster with a synthetic user.
const DEFAULT_PASSWORD = 'bench-user-pass';

export async function run(client: { login(u: string, p: string): Promise<void> }) {
  await client.login('bench@localhost', DEFAULT_PASSWORD);
}
