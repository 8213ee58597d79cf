import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../api/problem';

/** Loads data for a page; `reload` loads it again (after a change). */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    setError(undefined);
    load().then(
      (value) => current && setData(value),
      (failure) => current && setError(messageOf(failure)),
    );
    return () => { current = false; };
  }, [...deps, generation]);
  return { data, error, reload: () => setGeneration((n) => n + 1) };
}
