/**
 * Encodes organization permissions the way Clerk's v2 session token does: `per` lists permission names, the
 * org-scoped features of `fea` pair in order with the comma list `fpm`, and each `fpm` entry is a decimal bitmask
 * read least significant bit first — bit j set means `org:<feature>:<per[j]>` is granted.
 */
export interface V2Permissions {
  /** Org-scoped features in `fea` order: billing features first, then features named by permissions. */
  orgFeatures: string[];
  /** Comma list of permission names (the last part of `org:<feature>:<name>`); '' when none. */
  per: string;
  /** Comma list of decimal bitmasks, one per org feature; '' when there are no permissions. */
  fpm: string;
}

const KEY = /^org:([^:,]+):([^:,]+)$/;

export function encodeV2Permissions(
  permissionKeys: readonly string[],
  billingOrgFeatures: readonly string[],
): V2Permissions {
  const features: string[] = [...new Set(billingOrgFeatures)];
  const names: string[] = [];
  const granted = new Set<string>();
  for (const key of permissionKeys) {
    const match = KEY.exec(key);
    if (!match) continue;
    const [, feature, name] = match as unknown as [string, string, string];
    if (!features.includes(feature)) features.push(feature);
    if (!names.includes(name)) names.push(name);
    granted.add(`${feature}:${name}`);
  }
  if (names.length === 0) return { orgFeatures: features, per: '', fpm: '' };
  const fpm = features.map((feature) => {
    let mask = 0n;
    names.forEach((name, j) => {
      if (granted.has(`${feature}:${name}`)) mask |= 1n << BigInt(j);
    });
    return mask.toString(10);
  });
  return { orgFeatures: features, per: names.join(','), fpm: fpm.join(',') };
}

/** The inverse, as a verifier reads it (used by tests to check the encoding round-trips). */
export function decodeV2Permissions(orgFeatures: readonly string[], per: string, fpm: string): string[] {
  if (!per || !fpm) return [];
  const names = per.split(',');
  const masks = fpm.split(',');
  const out: string[] = [];
  orgFeatures.forEach((feature, i) => {
    const raw = masks[i];
    if (raw === undefined) return;
    const mask = BigInt(raw);
    names.forEach((name, j) => {
      if ((mask >> BigInt(j)) & 1n) out.push(`org:${feature}:${name}`);
    });
  });
  return out;
}
