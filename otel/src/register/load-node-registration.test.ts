import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadNodeRegistration } from './load-node-registration.js';
import { SDK_PEERS, sdkInstallCommand } from './sdk-peers.js';
import { missingPackageOf, TelemetryDependencyError } from './telemetry-dependency-error.js';

/** What Node's ESM loader throws for a bare specifier that is not installed. */
function notFound(specifier: string): Error {
  return Object.assign(new Error(`Cannot find package '${specifier}' imported from /app/node_modules/x/index.js`), {
    code: 'ERR_MODULE_NOT_FOUND',
  });
}

describe('loadNodeRegistration', () => {
  it('with the SDK installed, hands back the Node registration', async () => {
    const register = await loadNodeRegistration();
    expect(register).toBeTypeOf('function');
  });

  it('a missing SDK package: importing works, the call throws TelemetryDependencyError naming it and the install', async () => {
    const cause = notFound('@opentelemetry/sdk-node');
    const register = await loadNodeRegistration(() => Promise.reject(cause));
    let thrown: unknown;
    try {
      register();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TelemetryDependencyError);
    const error = thrown as TelemetryDependencyError;
    expect(error.code).toBe('ERR_AUTHLENS_OTEL_SDK_MISSING');
    expect(error.missingPackage).toBe('@opentelemetry/sdk-node');
    expect(error.message).toContain('@opentelemetry/sdk-node is not installed');
    expect(error.message).toContain(sdkInstallCommand());
    expect(error.cause).toBe(cause);
  });

  it('any other failure while loading is not disguised as a missing package', async () => {
    const broken = new SyntaxError('Unexpected token');
    await expect(loadNodeRegistration(() => Promise.reject(broken))).rejects.toBe(broken);
    // A missing file inside a package is a broken install, not a missing package.
    const relative = Object.assign(new Error("Cannot find module './gone.js' imported from /x.js"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    await expect(loadNodeRegistration(() => Promise.reject(relative))).rejects.toBe(relative);
  });
});

describe('missingPackageOf', () => {
  it('reads the package of a bare specifier, without its subpath', () => {
    expect(missingPackageOf(notFound('@opentelemetry/sdk-node'))).toBe('@opentelemetry/sdk-node');
    expect(missingPackageOf(notFound('@opentelemetry/resources/build/src/x.js'))).toBe('@opentelemetry/resources');
    expect(missingPackageOf(notFound('protobufjs/minimal'))).toBe('protobufjs');
    const bundler = Object.assign(new Error("Cannot find module '@opentelemetry/core'"), { code: 'MODULE_NOT_FOUND' });
    expect(missingPackageOf(bundler)).toBe('@opentelemetry/core');
  });

  it('is undefined for anything else', () => {
    expect(missingPackageOf(new Error("Cannot find package '@opentelemetry/core'"))).toBeUndefined(); // no code
    expect(missingPackageOf('ERR_MODULE_NOT_FOUND')).toBeUndefined();
  });
});

describe('SDK_PEERS', () => {
  it("are @authlens/otel's optional peerDependencies, at the same ranges", () => {
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      peerDependencies: Record<string, string>;
      peerDependenciesMeta: Record<string, { optional?: boolean }>;
      dependencies?: Record<string, string>;
    };
    for (const [name, range] of Object.entries(SDK_PEERS)) {
      expect(manifest.peerDependencies[name], name).toBe(range);
      expect(manifest.peerDependenciesMeta[name]?.optional, name).toBe(true);
    }
    // The contract has no runtime dependency; the SDK comes only as optional peers.
    expect(manifest.dependencies ?? {}).toEqual({});
  });

  it('are each in the install command otel/README.md gives', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const [name, range] of Object.entries(SDK_PEERS)) expect(readme).toContain(`${name}@${range}`);
  });
});
