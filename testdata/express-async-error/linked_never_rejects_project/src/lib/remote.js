const fetch = require('node-fetch');

let cached = null;

// Never rejects: the fetch is inside try, and an error keeps the last answer.
async function fetchRemoteSettings() {
  try {
    const response = await fetch('https://settings.example.test/current');
    cached = await response.json();
  } catch (err) {
    // keep the last answer
  }
  return cached;
}

// Rejects when the fetch fails.
async function fetchRemoteFlags() {
  const response = await fetch('https://settings.example.test/flags');
  return response.json();
}

module.exports = {
  fetchRemoteSettings,
  fetchRemoteFlags,
  // Never rejects: its one call outside try is of a function that never rejects.
  verifyToken: async function (token) {
    if (!token) {
      return null;
    }
    const settings = await fetchRemoteSettings();
    try {
      const response = await fetch(settings.verifyUrl, { method: 'POST', body: token });
      return await response.json();
    } catch (err) {
      return null;
    }
  },
  // Rejects: it awaits a function that rejects, outside try.
  checkFlags: async function (name) {
    const flags = await fetchRemoteFlags();
    return Boolean(flags[name]);
  },
};
