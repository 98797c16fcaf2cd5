// A module under test/ that no test framework uses and whose name says nothing of tests:
// it is checked like any other file.
import { pool } from '../db';

export async function ordersOf(customer: string) {
  return pool.query(`SELECT * FROM orders WHERE customer = '${customer}'`); // expect: sql-interpolation
}
