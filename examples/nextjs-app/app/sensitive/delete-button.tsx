'use client';
import { useState } from 'react';
import { deleteSensitiveData, deleteSensitiveDataUnlessStale } from './actions';

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
            // A thrown object reaches the client only as an opaque error (Next hides its content in production).
            setOutcome('failed: reverification required');
          }
        }}
      >
        Delete sensitive data
      </button>
      <button
        type="button"
        onClick={async () => {
          // The returned hint is the action's result: Clerk's client starts reverification from it.
          setOutcome(JSON.stringify(await deleteSensitiveDataUnlessStale()));
        }}
      >
        Delete sensitive data (returns a hint when the session is stale)
      </button>
      <output data-testid="outcome">{outcome}</output>
    </div>
  );
}
