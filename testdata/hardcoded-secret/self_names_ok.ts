enum Resource {
  Workflow = 'wf',
  SECRET = 'secret',
}

class Integration {
  static AUTH_PASSWORD = 'password';
}

const ID_PREFIXES = {
  secret: 'secret-',
  organization_secret: 'secret-',
  schedule: 'sch-',
};

const END_TOKEN = '[TURN_END]';

const SESSION_KEY = 'musicbrainz';

export function remember(session: Record<string, unknown>, value: unknown) {
  if (!(SESSION_KEY in session)) {
    session[SESSION_KEY] = value;
  }
  return [Resource.SECRET, Integration.AUTH_PASSWORD, ID_PREFIXES, END_TOKEN, sessionStorage.getItem(SESSION_KEY)];
}

export const credentials = {
  clientId: 'bot-context',
  clientSecret: 'bot-context', // placeholder for the bot context
};
