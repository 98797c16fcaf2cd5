const axios = require('axios');

// Posts a notice for each upload; nobody waits for the answer.
module.exports = function notifyOnUpload(events, hookUrl) {
  events.on('uploaded', (upload) => {
    axios.post(hookUrl, { upload, at: Date.now() }).catch((err) => console.error(err));
  });
  events.on('removed', (upload) => {
    void fetch(hookUrl, { method: 'POST', body: JSON.stringify(upload) });
  });
};
