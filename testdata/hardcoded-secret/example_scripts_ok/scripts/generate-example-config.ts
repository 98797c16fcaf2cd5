// Writes the example configuration shipped with the docs.
export const initUser = { username: 'admin', password: 'my-s3cure-passw0rd' };
