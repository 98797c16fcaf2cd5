import React from 'react';

export function Help() {
  return (
    <div>
      <h3>Dimensions & Styling</h3>
      <input placeholder="foo=bar&baz=qux" />
    </div>
  );
}
