# Private methods whose every caller in the module is known.
import sqlite3


class ItemStore:
    def __init__(self, path):
        self.conn = sqlite3.connect(path)

    def similar(self, options):
        threshold = 0.5
        if options:
            threshold = float(options.get("similarity", 0.5))
        return self._nearest(threshold)

    def _nearest(self, threshold):
        # Every call passes a number its caller cast: nothing to report.
        return self.conn.execute(f"SELECT id FROM items WHERE score >= {threshold}").fetchall()

    def by_owner(self, owner):
        return self._owned(owner)

    def _owned(self, owner):
        # The caller passes its own parameter on: any text.
        # expect: sql-interpolation@warning
        return self.conn.execute(f"SELECT id FROM items WHERE owner = '{owner}'").fetchall()

    def near(self, threshold):
        # A public method: callers elsewhere may pass anything.
        # expect: sql-interpolation@warning
        return self.conn.execute(f"SELECT id FROM items WHERE score >= {threshold}").fetchall()
