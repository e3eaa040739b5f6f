import { ActionButtons } from './action-buttons';

export default function ActionsPage() {
  return (
    <div>
      <h1>auth.protect() in Server Actions</h1>
      <ActionButtons />
    </div>
  );
}
