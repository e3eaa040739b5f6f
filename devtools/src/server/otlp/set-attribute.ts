import type { Attributes, AttributeValue } from './received-span.js';

/**
 * Sets `attributes[key]` as an own property whatever the key: a plain assignment of an attribute named
 * `__proto__` would replace the record's prototype instead, so a sender could make attributes it never sent
 * appear inherited (e.g. a request id) — a key/value list from the wire is data, never a prototype.
 */
export function setAttribute(attributes: Attributes, key: string, value: AttributeValue): void {
  Object.defineProperty(attributes, key, { value, enumerable: true, writable: true, configurable: true });
}
