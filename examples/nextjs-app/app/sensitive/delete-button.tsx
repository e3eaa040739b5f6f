'use client';
import { useState } from 'react';
import { deleteSensitiveData } from './actions';

export function DeleteButton() {
  const [outcome, setOutcome] = useState('');
  return (
    <div>
      <button
        type="button"
        onClick={async () => {
          try {
            setOutcome(JSON.stringify(await deleteSensitiveData()));
          } catch {
            // A thrown object reaches the client as an error; Clerk's client starts reverification from it.
            setOutcome('reverification required');
          }
        }}
      >
        Delete sensitive data
      </button>
      <output data-testid="outcome">{outcome}</output>
    </div>
  );
}
