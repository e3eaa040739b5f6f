export default function UpgradePage() {
  return <h1>Upgrade to premium</h1>;
}
