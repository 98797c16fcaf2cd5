// Private methods whose every caller in the module is known.
class ItemStore {
  constructor(db) {
    this.db = db;
  }

  similar(options) {
    const threshold = Number(options.similarity ?? 0.5);
    return this._nearest(threshold);
  }

  _nearest(threshold) {
    // Every call passes a number its caller cast: nothing to report.
    return this.db.query(`SELECT id FROM items WHERE score >= ${threshold}`);
  }

  byOwner(owner) {
    return this._owned(owner);
  }

  _owned(owner) {
    // The caller passes its own parameter on: any text.
    // expect: sql-interpolation@warning
    return this.db.query(`SELECT id FROM items WHERE owner = '${owner}'`);
  }
}

module.exports = { ItemStore };
