import { useEffect, useRef, useState } from 'preact/hooks';
import { messageOf } from '../api/problem';

interface Paged<T> {
  items?: T[];
  nextCursor?: string | null;
}

/** A list read page by page (`{items, nextCursor}`): the first page again whenever `deps` change. */
export function usePaged<T>(load: (cursor?: string) => Promise<Paged<T>>, deps: unknown[]) {
  const [items, setItems] = useState<T[] | undefined>();
  const [nextCursor, setNextCursor] = useState<string>();
  const [error, setError] = useState<string>();
  // which `deps` a read was for: the answer to an older list (a search typed while the full list
  // was still loading) may come last, and must not replace the newer one
  const asked = useRef(0);
  const read = async (cursor?: string) => {
    const query = asked.current;
    setError(undefined);
    try {
      const page = await load(cursor);
      if (query !== asked.current) return;
      setItems((shown) => [...(cursor && shown ? shown : []), ...(page.items ?? [])]);
      setNextCursor(page.nextCursor ?? undefined);
    } catch (failure) {
      if (query === asked.current) setError(messageOf(failure));
    }
  };
  useEffect(() => {
    asked.current += 1;
    setItems(undefined);
    void read();
  }, deps);
  return { items, error, more: nextCursor ? () => read(nextCursor) : undefined };
}
