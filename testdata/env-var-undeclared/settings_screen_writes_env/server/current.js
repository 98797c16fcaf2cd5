function currentSettings() {
  return {
    port: process.env.PORT,
    chatModel: process.env.CHAT_MODEL_PREF,
    embeddingModel: process.env.EMBEDDING_MODEL_PREF,
    mailer: process.env.MAILER_DSN, // expect: env-var-undeclared
  };
}

module.exports = { currentSettings };
