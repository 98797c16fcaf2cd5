export const initUser = { username: 'admin', password: 'my-s3cure-passw0rd' }; // expect: hardcoded-secret
