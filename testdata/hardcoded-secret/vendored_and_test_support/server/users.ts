export const admin = { email: 'admin@shop.dev', password: 'k4l1m3r0' }; // expect: hardcoded-secret
