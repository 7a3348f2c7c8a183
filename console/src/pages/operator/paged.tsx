// A keyset-paged list for the operator pages: the first page, then "Show more" with the server's cursor.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { Page } from '../../api';
import { useTranslation } from '../../i18n';
import { Button, ErrorState, InlineError, Loading, Table, type Column } from '../../ui';

export function usePaged<T>(load: (cursor: string | null) => Promise<Page<T>>, deps: unknown[]) {
  const [rows, setRows] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [moreError, setMoreError] = useState<unknown>(null);
  const { t } = useTranslation('operator');
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    setError(null);
    try {
      const page = await loadRef.current(null);
      if (mine !== generation.current) return;
      setRows(page.items);
      setCursor(page.nextCursor);
    } catch (err) {
      if (mine === generation.current) setError(err);
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    void reload();
  }, deps);

  const loadMore = async () => {
    if (!cursor) return;
    const mine = generation.current;
    setMore(true);
    setMoreError(null);
    try {
      const page = await loadRef.current(cursor);
      if (mine !== generation.current) return;
      setRows((r) => [...r, ...page.items]);
      setCursor(page.nextCursor);
    } catch (err) {
      setMoreError(err);
    } finally {
      setMore(false);
    }
  };

  const More = () =>
    cursor || moreError ? (
      <div className="row op-more">
        <InlineError error={moreError} />
        {cursor ? (
          <Button onClick={loadMore} busy={more}>
            {t('showMore')}
          </Button>
        ) : null}
      </div>
    ) : null;

  return { rows, loading, error, reload, update: (f: (rows: T[]) => T[]) => setRows(f), More };
}

export type Paged<T> = ReturnType<typeof usePaged<T>>;

/** A paged list as a table: loading until the first page, its error with a retry, then the rows and "Show more". */
export function PagedTable<T>({
  list,
  columns,
  rowKey,
  empty,
}: {
  list: Paged<T>;
  columns: Column<T>[];
  rowKey: (row: T) => string;
  empty?: ReactNode;
}) {
  if (list.loading && list.rows.length === 0) return <Loading />;
  if (list.error) return <ErrorState error={list.error} onRetry={list.reload} />;
  return (
    <>
      <Table rows={list.rows} rowKey={rowKey} empty={empty} columns={columns} />
      <list.More />
    </>
  );
}
