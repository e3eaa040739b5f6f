'use server';
// auth.protect() in Server Actions: basic, by role, by permission.
import { auth } from '@authlens/nextjs/server';

export async function protectedAction() {
  const { userId } = await auth.protect();
  return { ok: true, userId };
}

export async function adminAction() {
  const { userId } = await auth.protect({ role: 'admin' });
  return { ok: true, userId };
}

export async function teamAction() {
  const { userId } = await auth.protect({ permission: 'org:team:manage' });
  return { ok: true, userId };
}
