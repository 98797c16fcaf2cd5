const db = require('../db');

class ConfigStore {
  // Never rejects: everything is inside try and an error answers an error object.
  async load() {
    try {
      const { rows } = await db.query('SELECT * FROM app_config WHERE id = 1');
      return rows[0];
    } catch (err) {
      return { error: 'configuration not found' };
    }
  }

  // Rejects when the update fails.
  async save(values) {
    await db.query('UPDATE app_config SET values = $1 WHERE id = 1', [values]);
  }
}

module.exports = ConfigStore;
