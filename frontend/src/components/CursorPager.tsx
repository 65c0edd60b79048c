import { useCallback, useState } from 'react';
import { Button, Select, Space, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

export const PAGE_SIZES = [20, 50, 100] as const;

/**
 * Relay cursor pages: a stack of the `after` cursors of the pages seen, so
 * that "previous" goes back without a `before` argument.
 */
export function useCursorPages(initialSize: number = PAGE_SIZES[0]) {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [pageSize, setPageSizeState] = useState(initialSize);
  const page = cursors.length; // 1-based
  const after = cursors[cursors.length - 1] ?? null;
  const next = useCallback((endCursor: string | null | undefined) => {
    if (endCursor) setCursors((c) => [...c, endCursor]);
  }, []);
  const prev = useCallback(() => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)), []);
  const reset = useCallback(() => setCursors([null]), []);
  const setPageSize = useCallback((n: number) => {
    setPageSizeState(n);
    setCursors([null]);
  }, []);
  return { page, after, pageSize, next, prev, reset, setPageSize };
}

interface Props {
  page: number;
  pageSize: number;
  totalCount: number | undefined;
  hasNextPage: boolean;
  loading?: boolean;
  /** The total is being counted (it is fetched apart from the page). */
  counting?: boolean;
  onPrev: () => void;
  onNext: () => void;
  onPageSizeChange: (n: number) => void;
  testid?: string;
}

/** 共 N 条 · 第 k / m 页, previous / next and the page size. */
export function CursorPager({ page, pageSize, totalCount, hasNextPage, loading, counting, onPrev, onNext, onPageSizeChange, testid }: Props) {
  const { t } = useTranslation();
  const pages = totalCount !== undefined ? Math.max(1, Math.ceil(totalCount / pageSize)) : undefined;
  return (
    <div className="cursor-pager" data-testid={testid}>
      <Typography.Text type="secondary" data-testid={testid ? `${testid}-total` : undefined}>
        {totalCount !== undefined ? t('pager.total', { count: totalCount }) : counting ? t('pager.counting') : ''}
        {pages !== undefined ? ` · ${t('pager.page', { page, pages })}` : ''}
      </Typography.Text>
      <Space wrap>
        <Button icon={<LeftOutlined />} disabled={page <= 1 || loading} onClick={onPrev}>
          {t('pager.prev')}
        </Button>
        <Button
          icon={<RightOutlined />}
          iconPlacement="end"
          disabled={!hasNextPage || loading}
          onClick={onNext}
          data-testid={testid ? `${testid}-next` : undefined}
        >
          {t('pager.next')}
        </Button>
        <Select<number>
          value={pageSize}
          onChange={onPageSizeChange}
          options={PAGE_SIZES.map((n) => ({ value: n, label: t('pager.perPage', { count: n }) }))}
          style={{ width: 120 }}
          aria-label={t('pager.pageSize')}
        />
      </Space>
    </div>
  );
}
