export function replyWithError(res, failure) {
  res.status(500).send(failure.stack);
}

export function replyWithStatus(res, failure) {
  res.status(500).send({ status: 'failed', at: Date.now(), code: failure ? 1 : 0 });
}
