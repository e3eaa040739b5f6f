'use client';
import { useState } from 'react';
import { adminAction, protectedAction, teamAction } from './protect-actions';

export function ActionButtons() {
  const [result, setResult] = useState('');
  const run = (action: () => Promise<unknown>) => async () => {
    try {
      setResult(JSON.stringify(await action()));
    } catch {
      setResult('refused');
    }
  };
  return (
    <div>
      <button type="button" onClick={run(protectedAction)}>
        Signed-in only
      </button>
      <button type="button" onClick={run(adminAction)}>
        Admins only
      </button>
      <button type="button" onClick={run(teamAction)}>
        Team managers only
      </button>
      <output data-testid="result">{result}</output>
    </div>
  );
}
