import { diag } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureDiag } from '../test-support/capture-diag.js';
import { edgeResource, parseResourceAttributes } from './edge-resource.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let logged: string[] = [];

beforeEach(() => {
  logged = captureDiag();
});
afterEach(() => diag.disable());

describe('parseResourceAttributes', () => {
  it('reads comma-separated key=value entries, trimmed, keys and values percent-decoded', () => {
    expect(
      parseResourceAttributes(
        ' deployment.environment.name = prod , team%2Cname=a%3Db%2Cc , note=caf%C3%A9%20bar,empty=',
      ),
    ).toEqual({
      ok: true,
      attributes: { 'deployment.environment.name': 'prod', 'team,name': 'a=b,c', note: 'café bar', empty: '' },
    });
  });

  it('skips blank entries; nothing set is no attributes; a later entry for a key wins', () => {
    expect(parseResourceAttributes('')).toEqual({ ok: true, attributes: {} });
    expect(parseResourceAttributes(' , ,')).toEqual({ ok: true, attributes: {} });
    expect(parseResourceAttributes('a=1,,a=2')).toEqual({ ok: true, attributes: { a: '2' } });
  });

  it('keys are not header names: case and characters are kept', () => {
    expect(parseResourceAttributes('Service.Namespace=Shop,k8s.pod/name=x')).toEqual({
      ok: true,
      attributes: { 'Service.Namespace': 'Shop', 'k8s.pod/name': 'x' },
    });
  });

  it('a malformed entry rejects the whole value, naming its position, never its text', () => {
    const cases: Array<[string, number]> = [
      ['a=1,sekret-without-equals', 2],
      ['a=1,b=2,token=sek=ret', 3],
      ['=sekret', 1],
      ['%20=sekret', 1],
      ['k=sekret%E0%A4%A', 1],
      ['k%ZZ=sekret', 1],
    ];
    for (const [text, entry] of cases) {
      const parsed = parseResourceAttributes(text);
      expect(parsed, text).toMatchObject({ ok: false, problem: { entry } });
      expect(JSON.stringify(parsed)).not.toContain('sek');
    }
  });
});

describe('edgeResource', () => {
  it('carries OTEL_RESOURCE_ATTRIBUTES, a UUID service.instance.id, and the SDK default telemetry.sdk.*', () => {
    const { attributes } = edgeResource({}, { OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=prod' });
    expect(attributes['deployment.environment.name']).toBe('prod');
    expect(attributes['service.instance.id']).toMatch(UUID);
    expect(attributes['telemetry.sdk.name']).toBe('opentelemetry');
    expect(attributes['telemetry.sdk.language']).toEqual(expect.any(String));
    expect(attributes['telemetry.sdk.version']).toMatch(/^\d+\.\d+\.\d+/);
    expect(attributes['service.name']).toBe('unknown_service');
  });

  it('a new service.instance.id for each resource, unless OTEL_RESOURCE_ATTRIBUTES sets one', () => {
    const first = edgeResource({}, {}).attributes['service.instance.id'];
    const second = edgeResource({}, {}).attributes['service.instance.id'];
    expect(first).toMatch(UUID);
    expect(second).toMatch(UUID);
    expect(second).not.toBe(first);
    const env = { OTEL_RESOURCE_ATTRIBUTES: 'service.instance.id=edge-eu-1' };
    expect(edgeResource({}, env).attributes['service.instance.id']).toBe('edge-eu-1');
    // An empty value is no value: a UUID is used.
    expect(
      edgeResource({}, { OTEL_RESOURCE_ATTRIBUTES: 'service.instance.id=' }).attributes['service.instance.id'],
    ).toMatch(UUID);
  });

  it('service.name: the option, else OTEL_SERVICE_NAME, else OTEL_RESOURCE_ATTRIBUTES, else unknown_service', () => {
    const all = { OTEL_SERVICE_NAME: 'from-env', OTEL_RESOURCE_ATTRIBUTES: 'service.name=from-attributes' };
    const name = (options: { serviceName?: string }, env: Record<string, string>) =>
      edgeResource(options, env).attributes['service.name'];
    expect(name({ serviceName: 'from-option' }, all)).toBe('from-option');
    expect(name({}, all)).toBe('from-env');
    expect(name({}, { ...all, OTEL_SERVICE_NAME: ' ' })).toBe('from-attributes');
    expect(name({ serviceName: '' }, { OTEL_RESOURCE_ATTRIBUTES: 'service.name=from-attributes' })).toBe(
      'from-attributes',
    );
    expect(name({}, { OTEL_RESOURCE_ATTRIBUTES: 'other=1' })).toBe('unknown_service');
    expect(logged).toEqual([]);
  });

  it('OTEL_RESOURCE_ATTRIBUTES may set telemetry.sdk.* over the defaults, as with the Node SDK', () => {
    const env = { OTEL_RESOURCE_ATTRIBUTES: 'telemetry.sdk.name=custom' };
    expect(edgeResource({}, env).attributes['telemetry.sdk.name']).toBe('custom');
  });

  it('a malformed OTEL_RESOURCE_ATTRIBUTES is ignored whole and reported through diag without its value', () => {
    const env = {
      OTEL_SERVICE_NAME: 'shop',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=prod,api.key=sekret=value',
    };
    const { attributes } = edgeResource({}, env);
    expect(attributes['deployment.environment.name']).toBeUndefined();
    expect(attributes['api.key']).toBeUndefined();
    expect(attributes['service.name']).toBe('shop');
    expect(attributes['service.instance.id']).toMatch(UUID);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^error /);
    expect(logged[0]).toContain('OTEL_RESOURCE_ATTRIBUTES');
    expect(logged[0]).toContain('entry 2');
    for (const fragment of ['sekret', 'api.key', 'prod']) expect(logged[0]).not.toContain(fragment);
  });
});
