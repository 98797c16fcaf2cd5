// The admin settings screen saves each preference into the environment of the server.
const PREFERENCES = {
  chatModel: { envKey: "CHAT_MODEL_PREF" },
  embeddingModel: { envKey: "EMBEDDING_MODEL_PREF" },
};

function savePreference(field, value) {
  const { envKey } = PREFERENCES[field];
  process.env[envKey] = value;
}

module.exports = { savePreference };
