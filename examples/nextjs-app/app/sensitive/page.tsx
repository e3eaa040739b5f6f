import { DeleteButton } from './delete-button';

export default function SensitivePage() {
  return (
    <div>
      <h1>Sensitive operation</h1>
      <DeleteButton />
    </div>
  );
}
