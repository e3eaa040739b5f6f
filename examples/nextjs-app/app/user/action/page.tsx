import { ProfileButton } from './profile-button';

export default function UserActionPage() {
  return (
    <div>
      <h1>currentUser() in a Server Action</h1>
      <ProfileButton />
    </div>
  );
}
