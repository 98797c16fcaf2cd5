import axios from 'axios';

// An HTTP client sending to a login route: no route is served here.
export async function signIn(email: string, password: string): Promise<string> {
  const { data } = await axios.post('/api/login', { email, password });
  return data.token;
}
