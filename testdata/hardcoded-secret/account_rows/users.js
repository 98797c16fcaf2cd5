// A database login is a credential the app connects with.
db = db.getSiblingDB('shop');
db.createUser({ user: 'shop', pwd: 'bigbrain', roles: ['readWrite'] }); // expect: hardcoded-secret
