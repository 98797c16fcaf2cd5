import { MongoClient } from 'mongodb';

export async function seed(client: MongoClient) {
  await client.db('shop').collection('users').insertMany([{ name: 'stan', password: 'bigbrain' }]);
  return new MongoClient('mongodb://db', { auth: { username: 'shop', password: 'bigbrain' } }); // expect: hardcoded-secret
}
