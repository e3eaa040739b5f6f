import type { AttributeValue } from '@opentelemetry/api';
import { isValueOf } from './values/define-values.js';

/**
 * Typed reads of span attributes that may come from anywhere (OTLP from the network): a value of the wrong type or
 * outside its enumeration reads as null instead of leaking an unchecked value into a decision record.
 */
type AttributeBag = Readonly<Record<string, AttributeValue | undefined>>;

export function readString(attributes: AttributeBag, name: string): string | null {
  const value = attributes[name];
  return typeof value === 'string' && value !== '' ? value : null;
}

export function readNumber(attributes: AttributeBag, name: string): number | null {
  const value = attributes[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function readBoolean(attributes: AttributeBag, name: string): boolean | null {
  const value = attributes[name];
  return typeof value === 'boolean' ? value : null;
}

export function readStringArray(attributes: AttributeBag, name: string): readonly string[] | null {
  const value = attributes[name];
  if (!Array.isArray(value)) return typeof value === 'string' && value !== '' ? [value] : null;
  const strings = value.filter((item): item is string => typeof item === 'string');
  return strings.length === value.length ? strings : null;
}

export function readEnum<V extends string>(
  attributes: AttributeBag,
  name: string,
  values: Readonly<Record<string, V>>,
): V | null {
  const value = attributes[name];
  return isValueOf(values, value) ? value : null;
}
