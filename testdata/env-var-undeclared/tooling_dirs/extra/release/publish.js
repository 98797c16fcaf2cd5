// Maintainer release tooling, run by hand or in CI.
const token = process.env.RELEASE_UPLOAD_TOKEN;
module.exports = { token };
