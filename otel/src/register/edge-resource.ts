import { diag } from '@opentelemetry/api';
import { defaultResource, type Resource, resourceFromAttributes } from '@opentelemetry/resources';
import { percentDecode, splitKeyValueList } from './key-value-list.js';

type Env = Readonly<Record<string, string | undefined>>;

const SERVICE_NAME = 'service.name';
const SERVICE_INSTANCE_ID = 'service.instance.id';

/** Why an `OTEL_RESOURCE_ATTRIBUTES` value was rejected; names the entry's position, never its text. */
export type ResourceAttributesProblem = { readonly entry: number; readonly reason: string };

export type ParsedResourceAttributes =
  | { readonly ok: true; readonly attributes: Readonly<Record<string, string>> }
  | { readonly ok: false; readonly problem: ResourceAttributesProblem };

/**
 * Parses an `OTEL_RESOURCE_ATTRIBUTES` value as the OpenTelemetry specification defines it: comma-separated
 * `key=value` entries, whitespace around keys and values trimmed, both percent-decoded (a literal `,` or `=` inside
 * them must be encoded, so an entry holds exactly one `=`), every value a string (possibly empty). Any malformed entry
 * rejects the whole value, as the specification asks. A later entry for the same key wins.
 */
export function parseResourceAttributes(text: string): ParsedResourceAttributes {
  const attributes: Record<string, string> = {};
  let position = 0;
  for (const { key: encodedKey, value: encodedValue } of splitKeyValueList(text)) {
    position += 1;
    const fail = (reason: string): ParsedResourceAttributes => ({ ok: false, problem: { entry: position, reason } });
    if (encodedValue === null) return fail('has no "="');
    if (encodedValue.includes('=')) return fail('has more than one "=" (encode "=" as %3D)');
    const key = percentDecode(encodedKey);
    const value = percentDecode(encodedValue);
    if (key === undefined || value === undefined) return fail('is not valid percent-encoding');
    if (key.trim() === '') return fail('has an empty key');
    attributes[key] = value;
  }
  return { ok: true, attributes };
}

export interface EdgeResourceOptions {
  /** The `serviceName` option of the registration; wins over every environment variable. */
  readonly serviceName?: string | undefined;
}

/**
 * The edge registration's resource, as the Node SDK builds its own: the SDK's default resource (`telemetry.sdk.*`),
 * then `OTEL_RESOURCE_ATTRIBUTES`; `service.name` from the option, else `OTEL_SERVICE_NAME`, else the attributes' own,
 * else `unknown_service`; `service.instance.id` from the attributes, else a random UUID for this registration (each
 * edge isolate is its own instance, so their cumulative series stay apart). A malformed `OTEL_RESOURCE_ATTRIBUTES` is
 * ignored whole and reported through `diag`, without its value; it never throws into the app.
 */
export function edgeResource(options: EdgeResourceOptions, env: Env): Resource {
  const attributes: Record<string, string> = { ...resourceAttributesFromEnv(env) };
  attributes[SERVICE_NAME] =
    nonEmpty(options.serviceName) ??
    nonEmpty(env.OTEL_SERVICE_NAME) ??
    nonEmpty(attributes[SERVICE_NAME]) ??
    'unknown_service';
  attributes[SERVICE_INSTANCE_ID] = nonEmpty(attributes[SERVICE_INSTANCE_ID]) ?? crypto.randomUUID();
  return defaultResource().merge(resourceFromAttributes(attributes));
}

function resourceAttributesFromEnv(env: Env): Readonly<Record<string, string>> {
  const parsed = parseResourceAttributes(env.OTEL_RESOURCE_ATTRIBUTES ?? '');
  if (parsed.ok) return parsed.attributes;
  diag.error(
    `[authlens] OTEL_RESOURCE_ATTRIBUTES is ignored: its entry ${parsed.problem.entry} ${parsed.problem.reason}. ` +
      'Expected comma-separated key=value pairs with "," and "=" percent-encoded.',
  );
  return {};
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
