# A module of data migrations, run once per install: not checked.
async def m004_fill_expiry(db):
    rows = await db.fetchall("SELECT id, created, ttl FROM invoices")
    for row in rows:
        await db.execute("UPDATE invoices SET expiry = ? WHERE id = ?", (row.created + row.ttl, row.id))
