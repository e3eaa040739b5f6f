import { describe, expect, it } from 'vitest';
import { hasOpaquePrefix, opaqueTokenType } from './opaque-token-format.js';
import { startLocalBackend } from './test-support/local-backend.js';

// Hardening finding 1: a token that cannot be one Clerk issued never costs a Backend API call.
describe('opaqueTokenType', () => {
  it('accepts what the local backend issues (48 base62 characters): M2M tokens and ak_ secrets', async () => {
    const backend = await startLocalBackend();
    try {
      const machines = await backend.admin.call('GET', '/v1/machines');
      const worker = (machines.data ?? machines).find((m: { name: string }) => m.name === 'demo-worker');
      const { secret } = await backend.admin.call('GET', `/v1/machines/${worker.id}/secret_key`);
      const m2m = await backend.admin.call('POST', '/m2m_tokens', { seconds_until_expiration: 60 }, secret);
      expect(m2m.token).toMatch(/^mt_[0-9A-Za-z]{48}$/);
      expect(opaqueTokenType(m2m.token)).toBe('m2m_token');
      expect(opaqueTokenType(secret)).toBe('api_key');
    } finally {
      await backend.close();
    }
  });

  it('accepts the forms @clerk/backend’s fixtures show for Clerk’s tokens', () => {
    // 32 base62 characters for mt_ / oat_; padded standard base64 (with + and /) for ak_.
    const base62 = '8XOIucKvqHVr5tYP123456789abcdefgh';
    expect(opaqueTokenType(`mt_${base62}`)).toBe('m2m_token');
    expect(opaqueTokenType(`oat_${base62}`)).toBe('oauth_token');
    expect(opaqueTokenType('ak_Lq3Wd+aM8mv8K4PC/57IICZQXAeWfCgF30DZaFXHoGn9=')).toBe('api_key');
    expect(opaqueTokenType('ak_Lq3Wd-aM8mv8K4PC_57IICZQXAeWfCgF30DZaFXHoGn9')).toBe('api_key');
  });

  it('refuses anything else, whatever its prefix', () => {
    const ok = 'A'.repeat(32);
    for (const token of [
      'mt_',
      'mt_short',
      `mt_${'A'.repeat(15)}`,
      `mt_${'A'.repeat(129)}`,
      `mt_${ok} `,
      `mt_${ok}.x`,
      `mt_${ok}===`,
      `mt_=${ok}`,
      `mt_${ok}"`,
      `mt_${ok.slice(1)}é`,
      `mt_${ok}\n`,
      `MT_${ok}`,
      `xx_${ok}`,
    ]) {
      expect(opaqueTokenType(token), JSON.stringify(token)).toBeNull();
    }
    expect(opaqueTokenType(`mt_${'A'.repeat(16)}`)).toBe('m2m_token');
    expect(opaqueTokenType(`mt_${'A'.repeat(128)}==`)).toBe('m2m_token');
  });

  it('hasOpaquePrefix tells a malformed opaque token from a JWT', () => {
    expect(hasOpaquePrefix('mt_x')).toBe(true);
    expect(hasOpaquePrefix('oat_')).toBe(true);
    expect(hasOpaquePrefix('ak_ bad')).toBe(true);
    expect(hasOpaquePrefix('eyJhbGciOiJSUzI1NiJ9.e30.sig')).toBe(false);
  });
});
