// The app's own "database": the helpers the reference's examples call, kept in memory.
const profiles = new Map<string, { name: string }>();
const resources: Array<{ owner: string; body: unknown }> = [];
const deleted = new Set<string>();

export async function fetchUserData(userId: string) {
  return {
    userId,
    profile: profiles.get(userId) ?? null,
    resources: resources.filter((r) => r.owner === userId).length,
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
