import { readFileSync, writeFileSync } from 'node:fs';
import {
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_URL_PATH,
} from '@opentelemetry/semantic-conventions';
import {
  ATTR_SESSION_ID,
  ATTR_URL_TEMPLATE,
  ATTR_USER_ID,
  ATTR_USER_NAME,
} from '@opentelemetry/semantic-conventions/incubating';
import { describe, expect, it } from 'vitest';
import { ATTRIBUTE_CATALOGUE } from './attribute-catalogue.js';
import { AttributeName } from './attribute-names.js';
import { DECISION_RECORD_FIELDS } from './decision-record.js';
import { INSTRUMENTATION_SCOPE } from './instrumentation-scope.js';
import { Metric } from './metrics.js';
import { SPAN_CATALOGUE } from './span-catalogue.js';
import { SpanName } from './span-names.js';
import { CONTRACT_END, CONTRACT_START, contractTables } from './test-support/contract-tables.js';
import { isValueOf } from './values/define-values.js';
import { Outcome } from './values/outcome.js';
import { Reason } from './values/reason.js';

const README = new URL('../README.md', import.meta.url);

/** The formatter pads table cells to align columns; compare cells, not padding. */
function normaliseTables(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) =>
      line.startsWith('|')
        ? line
            .split(/(?<!\\)\|/)
            .map((cell) => cell.trim().replace(/^-+$/, '---'))
            .join('|')
        : line.trimEnd(),
    )
    .join('\n');
}

describe('the telemetry contract', () => {
  it('spells every span, attribute and metric name once', () => {
    const names = [
      ...Object.values(SpanName),
      ...Object.values(AttributeName),
      ...Object.values(Metric).map((m) => m.name),
    ];
    expect(new Set(names).size).toBe(names.length);
  });

  it('uses the OpenTelemetry semantic-convention names where they exist', () => {
    expect({
      userId: AttributeName.userId,
      userName: AttributeName.userName,
      sessionId: AttributeName.sessionId,
      httpRequestMethod: AttributeName.httpRequestMethod,
      httpRoute: AttributeName.httpRoute,
      urlPath: AttributeName.urlPath,
      urlTemplate: AttributeName.urlTemplate,
      httpResponseStatusCode: AttributeName.httpResponseStatusCode,
      errorType: AttributeName.errorType,
    }).toEqual({
      userId: ATTR_USER_ID,
      userName: ATTR_USER_NAME,
      sessionId: ATTR_SESSION_ID,
      httpRequestMethod: ATTR_HTTP_REQUEST_METHOD,
      httpRoute: ATTR_HTTP_ROUTE,
      urlPath: ATTR_URL_PATH,
      urlTemplate: ATTR_URL_TEMPLATE,
      httpResponseStatusCode: ATTR_HTTP_RESPONSE_STATUS_CODE,
      errorType: ATTR_ERROR_TYPE,
    });
  });

  it('puts every other span, attribute and metric name in the authlens. namespace', () => {
    const standard = new Set<string>([
      ATTR_USER_ID,
      ATTR_USER_NAME,
      ATTR_SESSION_ID,
      ATTR_HTTP_REQUEST_METHOD,
      ATTR_HTTP_ROUTE,
      ATTR_URL_PATH,
      ATTR_URL_TEMPLATE,
      ATTR_HTTP_RESPONSE_STATUS_CODE,
      ATTR_ERROR_TYPE,
    ]);
    const own = [
      ...Object.values(SpanName),
      ...Object.values(AttributeName).filter((n) => !standard.has(n)),
      ...Object.values(Metric).map((m) => m.name),
    ];
    for (const name of own) expect(name).toMatch(/^authlens\.[a-z_]+(\.[a-z_]+)*$/);
    expect(INSTRUMENTATION_SCOPE).toBe('@authlens/nextjs');
  });

  it('describes every attribute and span, and lists only known attributes on spans and metrics', () => {
    expect(Object.keys(ATTRIBUTE_CATALOGUE).sort()).toEqual(Object.values(AttributeName).sort());
    expect(Object.keys(SPAN_CATALOGUE).sort()).toEqual(Object.values(SpanName).sort());
    const known = new Set<string>(Object.values(AttributeName));
    for (const spec of [...Object.values(SPAN_CATALOGUE), ...Object.values(Metric)]) {
      for (const attribute of spec.attributes) expect(known).toContain(attribute);
    }
    for (const spec of Object.values(ATTRIBUTE_CATALOGUE)) expect(spec.description.length).toBeGreaterThan(10);
  });

  it('keeps high-cardinality ids out of metric attributes', () => {
    const ids = new Set<string>([
      AttributeName.userId,
      AttributeName.sessionId,
      AttributeName.orgId,
      AttributeName.requestId,
      AttributeName.urlPath,
      AttributeName.tokenKid,
      AttributeName.clerkTraceId,
    ]);
    for (const metric of Object.values(Metric))
      for (const attribute of metric.attributes) expect(ids.has(attribute)).toBe(false);
  });

  it('enumerations are their own names, and membership ignores inherited keys', () => {
    expect(Outcome.not_found).toBe('not_found');
    expect(Reason.pending_as_signed_out).toBe('pending_as_signed_out');
    expect(isValueOf(Outcome, 'redirect_sign_in')).toBe(true);
    for (const impostor of ['toString', 'constructor', '__proto__', 'hasOwnProperty', '', 42, null]) {
      expect(isValueOf(Outcome, impostor)).toBe(false);
    }
    expect(Object.isFrozen(Outcome)).toBe(true);
  });

  it('the README tables are generated from the constants (AUTHLENS_WRITE_README=1 rewrites them)', () => {
    const readme = readFileSync(README, 'utf8');
    const start = readme.indexOf(CONTRACT_START);
    const end = readme.indexOf(CONTRACT_END);
    expect(start, 'README.md has the contract markers').toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(start);
    const current = readme.slice(start, end + CONTRACT_END.length);
    const generated = contractTables();
    if (process.env.AUTHLENS_WRITE_README === '1' && current !== generated) {
      writeFileSync(README, readme.replace(current, generated));
      return;
    }
    expect(normaliseTables(current)).toBe(normaliseTables(generated));
  });

  it('the README names every span, attribute, value, metric and decision-record field', () => {
    const readme = readFileSync(README, 'utf8');
    const constants = [
      ...Object.values(SpanName),
      ...Object.values(AttributeName),
      ...Object.values(ATTRIBUTE_CATALOGUE).flatMap((spec) => Object.keys(spec.values ?? {})),
      ...Object.values(Metric).map((m) => m.name),
      ...Object.keys(DECISION_RECORD_FIELDS),
    ];
    for (const constant of constants) expect(readme).toContain(`\`${constant}\``);
  });
});
