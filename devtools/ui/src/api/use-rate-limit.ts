import { useEffect, useState } from 'react';
import { fetchRateLimit, type RateLimitResponse } from './devtools-api.js';

const MIN_INTERVAL_MS = 1000;

/** The rate-limit budget series, fetched again (at most once a second) when `version` changes. */
export function useRateLimit(version: number): RateLimitResponse | null {
  const [data, setData] = useState<RateLimitResponse | null>(null);
  const [fetchedVersion, setFetchedVersion] = useState(-1);
  useEffect(() => {
    if (version === fetchedVersion) return;
    const controller = new AbortController();
    const timer = setTimeout(
      () => {
        fetchRateLimit(controller.signal).then(
          (next) => {
            setData(next);
            setFetchedVersion(version);
          },
          () => {}, // the next change tries again
        );
      },
      fetchedVersion < 0 ? 0 : MIN_INTERVAL_MS,
    );
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [version, fetchedVersion]);
  return data;
}
