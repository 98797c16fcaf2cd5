// The fixtures module of the test suite: its users exist in throwaway databases. Quiet.
export const admin = { email: 'admin@shop.dev', password: 'k4l1m3r0' };
