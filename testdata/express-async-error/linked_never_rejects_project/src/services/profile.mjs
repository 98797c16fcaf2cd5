import { verifyToken } from '../lib/remote.js';

// Never rejects, two modules away: its one call outside try (`verifyToken`) never rejects.
export async function currentProfile(token) {
  const user = await verifyToken(token);
  return user ? { name: user.name } : null;
}

// Rejects: the second call outside try is of a function that is not known never to reject.
export async function currentProfileWithAvatar(token) {
  const user = await verifyToken(token);
  return { user, avatar: await loadAvatar(user) };
}

async function loadAvatar(user) {
  const response = await fetch(`https://avatars.example.test/${user.id}`);
  return response.blob();
}
