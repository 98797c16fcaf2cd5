import React from 'react';

export function Card({ title }: { title: string }) {
  return (
    <div className="card">
      <h2>{title}</h2>
    </div>
  ); // expect: syntax-error
