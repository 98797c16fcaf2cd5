// Sample accounts baked into the demo database.
db = db.getSiblingDB('users');
db.users.insertMany([
  { name: 'stan', password: 'bigbrain', email: 'stan@shop.test' },
  { name: 'partner', password: 'worktogether', email: 'partner@shop.test' },
]);
db.orders.insertOne({ user: 'stan', token: 'f3a9c2e1b7d4' });
