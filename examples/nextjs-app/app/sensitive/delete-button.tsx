'use client';
import { type ReverificationPageOptions, readReverificationHint, useReverification } from '@authlens/nextjs/client';
import { useState } from 'react';
import { deleteSensitiveData, deleteSensitiveDataUnlessStale } from './actions';

// The Route Handler answers reverificationErrorResponse()'s 403 until the session is verified again.
const deleteThroughRouteHandler = () => fetch('/api/sensitive', { method: 'DELETE' });

export function DeleteButton({ pages }: { pages: ReverificationPageOptions }) {
  const [outcome, setOutcome] = useState('');
  const show = async (result: Promise<unknown>) => {
    try {
      const value = await result;
      setOutcome(value instanceof Response ? `${value.status} ${await value.text()}` : JSON.stringify(value));
    } catch (error) {
      // Only an error that is not a reverification hint gets here (the hook handles those).
      setOutcome(`failed: ${readReverificationHint(error) ? 'reverification required' : String(error)}`);
    }
  };
  // Each action, when the session is not recent enough: off to the backend's re-verify page, and once back, the
  // same call again (onResume receives its outcome).
  const deleteThrowing = useReverification(deleteSensitiveData, {
    ...pages,
    onResume: (retried) => void show(retried),
    key: 'delete-throwing',
  });
  const deleteReturning = useReverification(deleteSensitiveDataUnlessStale, {
    ...pages,
    onResume: (retried) => void show(retried),
    key: 'delete-returning',
  });
  const deleteViaRoute = useReverification(deleteThroughRouteHandler, {
    ...pages,
    onResume: (retried) => void show(retried),
    key: 'delete-route',
  });
  return (
    <div>
      <button type="button" data-testid="delete-throwing" onClick={() => void show(deleteThrowing())}>
        Delete sensitive data
      </button>
      <button type="button" data-testid="delete-returning" onClick={() => void show(deleteReturning())}>
        Delete sensitive data (returns a hint when the session is stale)
      </button>
      <button type="button" data-testid="delete-route" onClick={() => void show(deleteViaRoute())}>
        Delete sensitive data (Route Handler)
      </button>
      <output data-testid="outcome">{outcome}</output>
    </div>
  );
}
