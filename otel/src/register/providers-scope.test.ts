import { describe, expect, it } from 'vitest';
import { ProvidersScope, providersScope } from './providers-scope.js';

describe('providersScope', () => {
  it('is global unless the option or AUTHLENS_TELEMETRY_PROVIDERS say authlens; the option wins', () => {
    expect(providersScope(undefined, {})).toBe(ProvidersScope.global);
    expect(providersScope(undefined, { AUTHLENS_TELEMETRY_PROVIDERS: '' })).toBe(ProvidersScope.global);
    expect(providersScope(undefined, { AUTHLENS_TELEMETRY_PROVIDERS: ' authlens ' })).toBe(ProvidersScope.authlens);
    expect(providersScope('authlens', {})).toBe(ProvidersScope.authlens);
    expect(providersScope('global', { AUTHLENS_TELEMETRY_PROVIDERS: 'authlens' })).toBe(ProvidersScope.global);
  });

  it('refuses anything else, naming the setting that holds it', () => {
    expect(() => providersScope('Authlens', {})).toThrow(
      expect.objectContaining({ code: 'ERR_AUTHLENS_TELEMETRY_PROVIDERS', setting: 'providers' }),
    );
    expect(() => providersScope(undefined, { AUTHLENS_TELEMETRY_PROVIDERS: 'none' })).toThrow(
      expect.objectContaining({ setting: 'AUTHLENS_TELEMETRY_PROVIDERS', message: expect.stringContaining('"none"') }),
    );
  });
});
