import { ProfileForm } from './profile-form';

export default function ProfilePage() {
  return (
    <div>
      <h1>Profile</h1>
      <ProfileForm />
    </div>
  );
}
