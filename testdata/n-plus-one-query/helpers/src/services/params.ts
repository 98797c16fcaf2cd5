import * as A from 'fp-ts/Array';

interface Param {
  in: string;
  name: string;
}

// Searches an array: `findFirst` with a predicate is no query.
export function bodyParam(params: Param[]) {
  return A.findFirst((p: Param) => p.in === 'body')(params);
}

export function bodyParams(operations: { params: Param[] }[]) {
  return operations.map((op) => bodyParam(op.params));
}
