// Secret values written behind a comment, a type assertion or a line break.
export const staging = {
  apiKey: /* rotated 2026-03 */ 'c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6', // expect: hardcoded-secret
};

const signingKey: string = <string>(
  'Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0' // expect: hardcoded-secret
);

export function config(env: Record<string, string>) {
  env["db_pass"] =
    "pR0d-pa55-2026"; // expect: hardcoded-secret
  return { signingKey, env };
}
