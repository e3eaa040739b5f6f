import { describe, expect, it } from 'vitest';
import { formOriginAccepted } from './form-origin.js';

const rule = {
  ownOrigins: ['http://localhost:4000', 'http://127.0.0.1:4000'],
  allowedOrigins: new Set(['http://localhost:3000']),
};
const post = (origin?: string) =>
  new Request('http://localhost:4000/sign-in', { method: 'POST', headers: origin ? { origin } : {} });

describe('formOriginAccepted', () => {
  it('accepts the backend’s own origins and the allowed origins', () => {
    for (const origin of ['http://localhost:4000', 'http://127.0.0.1:4000', 'http://localhost:3000']) {
      expect(formOriginAccepted(post(origin), rule), origin).toBe(true);
    }
  });

  it('refuses another port of the same host, another site, null and no Origin at all', () => {
    for (const origin of ['http://localhost:3001', 'https://evil.example', 'null', undefined]) {
      expect(formOriginAccepted(post(origin), rule), String(origin)).toBe(false);
    }
  });
});
