// Values that name something else than a credential stay quiet; credentials beside them fire.
const htmlTemplateNames: { [key: string]: string } = {
  verifyEmail: 'verify_email.html',
  changePassword: 'password_changed.html',
};
export const factories = { apiToken: 'app.tests.factories:ApiToken' };
export const defaults = { apiKey: 'sk-proj-', apiSecret: '^\\*+$' };
export const translations = { password: 'Пароль' };

// The look-alikes with a real value still fire.
export const client = { apiKey: 'sk-Vn2Lx7Rw4Kp9Zsq8' }; // expect: hardcoded-secret
export const admin = { changePassword: 'Vn2Lx7Rw4.Kp9' }; // expect: hardcoded-secret
export { htmlTemplateNames };

// Patterns and marked words under secret-like names stay quiet.
export const passwordPattern = '^(?=.*\\d)(?=.*[a-z]).{8,}$';
export const cameraPasswordRegex = ':\\/\\/[a-zA-Z0-9_-]+:[\\S]+@';
export const DELETED_TOKEN = '*DELETED*';
export const allToken: string = '#ALL';

// A token that is a plain value still fires.
export const serviceToken = 'Tk7#ALLq9x2Vn'; // expect: hardcoded-secret
