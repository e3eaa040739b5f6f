'use client';
import { useState } from 'react';
import { updateProfile } from './actions';

export function ProfileForm() {
  const [result, setResult] = useState<string>('');
  return (
    <form
      action={async (formData) => {
        try {
          setResult(JSON.stringify(await updateProfile(formData)));
        } catch {
          setResult('failed');
        }
      }}
    >
      <label>
        Name <input name="name" />
      </label>
      <button type="submit">Save</button>
      <output data-testid="result">{result}</output>
    </form>
  );
}
