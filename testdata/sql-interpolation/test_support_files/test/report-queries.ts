// A module under test/ that no test framework uses and whose name says nothing of tests:
// still part of the test suite's paths, which the rule does not check.
import { pool } from '../db';

export async function ordersOf(customer: string) {
  return pool.query(`SELECT * FROM orders WHERE customer = '${customer}'`);
}
