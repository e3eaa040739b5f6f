'use client';
import { useState } from 'react';
import { getUserProfile } from './actions';

export function ProfileButton() {
  const [profile, setProfile] = useState<string>('');
  return (
    <div>
      <button
        type="button"
        onClick={async () => {
          try {
            setProfile(JSON.stringify(await getUserProfile()));
          } catch {
            setProfile('failed');
          }
        }}
      >
        Load my profile
      </button>
      <pre data-testid="profile">{profile}</pre>
    </div>
  );
}
