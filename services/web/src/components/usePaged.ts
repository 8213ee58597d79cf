import { useEffect, useState } from 'preact/hooks';
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
  const read = async (cursor?: string) => {
    setError(undefined);
    try {
      const page = await load(cursor);
      setItems((shown) => [...(cursor && shown ? shown : []), ...(page.items ?? [])]);
      setNextCursor(page.nextCursor ?? undefined);
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  useEffect(() => {
    setItems(undefined);
    void read();
  }, deps);
  return { items, error, more: nextCursor ? () => read(nextCursor) : undefined };
}
