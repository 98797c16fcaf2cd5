export const users = [{ email: 'admin@seerr.dev', plexToken: '1234', password: 'test1234' }];
