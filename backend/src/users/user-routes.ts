import type { BackendContext } from '../context.js';
import { ApiError, notFound, paramInvalid } from '../http/api-error.js';
import { listResponse, paginate, readPage, sortBy } from '../http/list-query.js';
import { optionalObject, requiredString } from '../http/params.js';
import { json } from '../http/respond.js';
import type { Router } from '../http/router.js';
import { mergeMetadata } from '../metadata/merge-metadata.js';
import { MEMBERSHIPS } from '../organizations/organization-record.js';
import { SESSIONS, type SessionRecord } from '../sessions/session-record.js';
import type { Transaction } from '../store/store.js';
import { avatarSvg } from './avatar-svg.js';
import { filterUsers, USER_ORDER_FIELDS } from './filter-users.js';
import { hashPassword, verifyPassword } from './password.js';
import { readUserInput } from './user-input.js';
import { userJSON } from './user-json.js';
import { USERS, type UserRecord } from './user-record.js';
import { insertUser, updateUser } from './write-user.js';

export function getUserOr404(view: Pick<Transaction, 'get'>, id: string): UserRecord {
  const user = view.get<UserRecord>(USERS, id);
  if (!user) throw notFound('user');
  return user;
}

export function registerUserRoutes(router: Router, ctx: BackendContext): void {
  const render = (u: UserRecord) => userJSON(u, ctx.url());

  router.post('/users', async (c) => {
    const input = readUserInput(await c.body());
    const digest = input.password === undefined ? null : await hashPassword(input.password);
    const user = await ctx.store.transact((tx) => insertUser(tx, input, ctx.clock(), digest));
    return json(render(user));
  });

  router.get('/users', (c) => {
    const page = readPage(c.url.searchParams);
    const all = filterUsers(ctx.store, ctx.store.list<UserRecord>(USERS), c.url.searchParams);
    const sorted = sortBy(all, c.url.searchParams, USER_ORDER_FIELDS, '-created_at');
    return listResponse(c.url.searchParams, paginate(sorted, page).map(render), all.length);
  });

  router.get('/users/count', (c) => {
    const count = filterUsers(ctx.store, ctx.store.list<UserRecord>(USERS), c.url.searchParams).length;
    return json({ object: 'total_count', total_count: count });
  });

  router.get('/users/{user_id}', (c) => json(render(getUserOr404(ctx.store, c.param('user_id')))));

  router.patch('/users/{user_id}', async (c) => {
    const input = readUserInput(await c.body());
    getUserOr404(ctx.store, c.param('user_id'));
    const digest = input.password === undefined ? undefined : await hashPassword(input.password);
    const user = await ctx.store.transact((tx) =>
      updateUser(tx, getUserOr404(tx, c.param('user_id')), input, ctx.clock(), digest),
    );
    return json(render(user));
  });

  router.delete('/users/{user_id}', async (c) => {
    const id = c.param('user_id');
    await ctx.store.transact((tx) => {
      getUserOr404(tx, id);
      tx.delete(USERS, id);
      for (const m of tx.list<{ id: string; user_id: string }>(MEMBERSHIPS))
        if (m.user_id === id) tx.delete(MEMBERSHIPS, m.id);
      for (const s of tx.list<SessionRecord>(SESSIONS)) {
        if (s.user_id === id && (s.status === 'active' || s.status === 'pending')) {
          tx.put(SESSIONS, { ...s, status: 'removed', updated_at: ctx.clock() });
        }
      }
    });
    return json({ object: 'user', id, deleted: true });
  });

  // PATCH merges (a null value removes a key); PUT replaces each metadata field that is present.
  for (const method of ['PATCH', 'PUT'] as const) {
    router.on(method, '/users/{user_id}/metadata', async (c) => {
      const body = await c.body();
      const patch = {
        public_metadata: optionalObject(body, 'public_metadata'),
        private_metadata: optionalObject(body, 'private_metadata'),
        unsafe_metadata: optionalObject(body, 'unsafe_metadata'),
      };
      const user = await ctx.store.transact((tx) => {
        const current = getUserOr404(tx, c.param('user_id'));
        const next: Record<string, unknown> = { ...current, updated_at: ctx.clock() };
        for (const [field, value] of Object.entries(patch)) {
          if (value === undefined) continue;
          next[field] =
            method === 'PATCH' ? mergeMetadata(current[field as keyof typeof patch], value) : mergeMetadata({}, value);
        }
        tx.put(USERS, next as UserRecord);
        return next as UserRecord;
      });
      return json(render(user));
    });
  }

  const setFlags = (path: string, flags: Partial<Pick<UserRecord, 'banned' | 'locked'>>) =>
    router.post(path, async (c) => {
      const user = await ctx.store.transact((tx) => {
        const current = getUserOr404(tx, c.param('user_id'));
        const next = { ...current, ...flags, updated_at: ctx.clock() };
        tx.put(USERS, next);
        if (flags.banned) revokeUserSessions(tx, current.id, ctx.clock());
        return next;
      });
      return json(render(user));
    });
  setFlags('/users/{user_id}/ban', { banned: true });
  setFlags('/users/{user_id}/unban', { banned: false });
  setFlags('/users/{user_id}/lock', { locked: true });
  setFlags('/users/{user_id}/unlock', { locked: false });

  router.delete('/users/{user_id}/mfa', async (c) => {
    const id = await ctx.store.transact((tx) => {
      const current = getUserOr404(tx, c.param('user_id'));
      tx.put(USERS, { ...current, totp_enabled: false, backup_code_enabled: false, updated_at: ctx.clock() });
      return current.id;
    });
    return json({ user_id: id });
  });

  router.post('/users/{user_id}/verify_password', async (c) => {
    const password = requiredString(await c.body(), 'password');
    const user = getUserOr404(ctx.store, c.param('user_id'));
    if (!user.password_digest || !(await verifyPassword(password, user.password_digest))) {
      throw new ApiError(422, 'incorrect_password', 'Password is incorrect. Try again, or use another method.', {
        meta: { param_name: 'password' },
      });
    }
    return json({ verified: true });
  });

  // Clerk's external accounts (OAuth sign-ins) do not exist here, so no user holds a provider's token: the list is
  // always empty, a bare array unless `paginated=true` (as @clerk/backend's getUserOauthAccessToken asks).
  router.get('/users/{user_id}/oauth_access_tokens/{provider}', (c) => {
    getUserOr404(ctx.store, c.param('user_id'));
    if (!/^oauth_[a-z0-9_]+$/.test(c.param('provider'))) {
      throw paramInvalid('provider', 'expected an OAuth provider id such as oauth_google');
    }
    return listResponse(c.url.searchParams, [], 0);
  });

  router.get(
    '/avatars/{file}',
    (c) => {
      const match = /^(user_[A-Za-z0-9]+)\.svg$/.exec(c.param('file'));
      if (!match) throw paramInvalid('file', 'expected <user_id>.svg');
      const user = getUserOr404(ctx.store, match[1]!);
      const initials =
        `${user.first_name?.[0] ?? ''}${user.last_name?.[0] ?? ''}` || (user.username?.slice(0, 2) ?? '');
      return new Response(avatarSvg(initials, user.id), {
        headers: { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=3600' },
      });
    },
    { access: 'public', unversioned: true },
  );
}

/** Banning signs the user out everywhere, as Clerk does. */
export function revokeUserSessions(tx: Transaction, userId: string, now: number): void {
  for (const s of tx.list<SessionRecord>(SESSIONS)) {
    if (s.user_id === userId && (s.status === 'active' || s.status === 'pending')) {
      tx.put(SESSIONS, { ...s, status: 'revoked', updated_at: now });
    }
  }
}
