// The app's own "database": the helpers the reference's examples call, kept in memory. Next bundles every route
// separately, so the data hangs off globalThis to be one store per process.
interface Store {
  profiles: Map<string, { name: string }>;
  resources: Array<{ owner: string; body: unknown }>;
  deleted: Set<string>;
}
const holder = globalThis as { __exampleStore?: Store };
holder.__exampleStore ??= { profiles: new Map(), resources: [], deleted: new Set() };
const store = holder.__exampleStore;
const { profiles, resources, deleted } = store;

export async function fetchUserData(userId: string) {
  return {
    userId,
    profile: profiles.get(userId) ?? null,
    resources: resources.filter((r) => r.owner === userId).length,
    sensitiveDataDeleted: deleted.has(userId),
  };
}

export async function updateUserProfile(userId: string, profile: { name: string }) {
  profiles.set(userId, profile);
}

export async function createResource(userId: string, body: unknown) {
  resources.push({ owner: userId, body });
}

export async function deleteSensitiveData(userId: string) {
  deleted.add(userId);
}

export async function performDeletion(userId: string) {
  deleted.add(userId);
}
