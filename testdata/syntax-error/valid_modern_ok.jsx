import React from 'react';

export default function UserCard({ user, onSelect }) {
  const name = user?.name ?? 'anonymous';
  return (
    <div className="card" onClick={() => onSelect?.(user.id)}>
      <h2>{name}</h2>
      {user.tags.length > 0 && <ul>{user.tags.map((t) => <li key={t}>{t}</li>)}</ul>}
    </div>
  );
}
