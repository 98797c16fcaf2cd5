// Response helpers shared by the route modules.

function sendFailure(res, detail) {
  res.status(500).json({ error: detail.message });
}

function sendNotFound(res, detail) {
  res.status(404).json({ error: detail.message });
}

function sendGeneric(res, detail) {
  console.error('request failed', detail);
  res.status(500).json({ error: 'internal error' });
}

function logFailure(detail) {
  console.error('request failed', detail);
}

class Reply {
  static failure(res, problem) {
    res.status(500).send({ problem });
  }
}

module.exports = { sendFailure, sendNotFound, sendGeneric, logFailure, Reply };
