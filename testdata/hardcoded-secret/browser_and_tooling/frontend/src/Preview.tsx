export const samplePayload = { apiKey: 'key_abc123', event: 'feature.updated' };
export function Preview() {
  return <pre>{JSON.stringify(samplePayload)}</pre>;
}
