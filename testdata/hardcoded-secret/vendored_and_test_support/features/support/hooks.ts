// Cucumber's support code logs the test users in: quiet.
export const admin = { email: 'admin@shop.dev', password: 'k4l1m3r0' };
