const db = require('../db');

// Never rejects: an error answers an empty list.
async function listOffers(region) {
  try {
    return await db.all('SELECT * FROM offers WHERE region = ?', [region]);
  } catch (err) {
    return [];
  }
}

module.exports = { listOffers };
