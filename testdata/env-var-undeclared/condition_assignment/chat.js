// The value assigned in the condition is used only when it is set.
function chatToken() {
  let token;
  if ((token = process.env.CHAT_TOKEN)) {
    return token;
  }
  return null;
}

// Assigned outside any condition and kept as it is.
let mailHost;
mailHost = process.env.MAIL_HOST; // expect: env-var-undeclared

module.exports = { chatToken, mailHost };
