import { useEffect, useState } from 'react';
import { ApiError, type DecisionDetailResponse, fetchRequest } from './devtools-api.js';

export type DetailState =
  | { state: 'loading' }
  | { state: 'found'; detail: DecisionDetailResponse }
  | { state: 'missing' }
  | { state: 'failed'; message: string };

/**
 * One request's decision, explanation and spans, fetched again whenever `version` changes (the live list bumps it
 * as the request's spans arrive), so a deep link opened before the spans were exported fills in by itself.
 */
export function useRequestDetail(id: string, version: number): DetailState {
  const [result, setResult] = useState<DetailState>({ state: 'loading' });
  useEffect(() => {
    setResult((previous) =>
      previous.state === 'found' && previous.detail.id === id ? previous : { state: 'loading' },
    );
  }, [id]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` is the trigger to fetch again
  useEffect(() => {
    if (id === '') return;
    const controller = new AbortController();
    fetchRequest(id, controller.signal).then(
      (detail) => setResult({ state: 'found', detail }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 404) setResult({ state: 'missing' });
        else setResult({ state: 'failed', message: String((error as Error)?.message ?? error) });
      },
    );
    return () => controller.abort();
  }, [id, version]);
  return result;
}
