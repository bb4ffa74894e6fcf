import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { PAGE_SIZES, type CursorPages } from '../api/paging';
import { ApiError } from '../api/problem';
import type { ApiQuery } from '../api/useApiQuery';
import { StatusView } from './StatusView';

export interface CursorTableProps<T> {
  /** The current page from the API: its items, whether it is loading, its error. */
  list: ApiQuery<{ items: T[]; nextCursor: string | null }>;
  pages: CursorPages;
  columns: TableColumnsType<T>;
  /** The table's width below which it scrolls sideways (phones, narrow windows). */
  scrollX: number;
  /** What an empty page says; `onReset` offers 重置 (when filters are set). */
  empty: { title: string; description?: string; onReset?: () => void };
  /** The page size chooser (?size=); without it the size is fixed. */
  pageSize?: { value: number; onChange(size: number): void };
  /** false: the whole list is one page (no pager). */
  paged?: boolean;
  /**
   * The filter form shows the API's field errors itself (useApiFormErrors): a validation error
   * then leaves the table empty rather than replacing it with an error.
   */
  fieldErrorsOnForm?: boolean;
}

/**
 * A list page's table: the rows of the current cursor page, loading and empty states, an error
 * with 重试, and the pager below (上一页 · 第 n 页 · 下一页, the page size). Turning a page goes
 * back to the top of the page, where the first row is.
 */
export function CursorTable<T extends { id: string }>({ list, pages, columns, scrollX, empty, pageSize, paged = true, fieldErrorsOnForm = false }: CursorTableProps<T>) {
  const { t } = useTranslation();
  const failed = list.error && !(fieldErrorsOnForm && list.error instanceof ApiError && list.error.code === 'validation');
  if (failed) return <StatusView kind="error" error={list.error} onRetry={list.reload} />;
  const page = list.data;
  const turn = (go: () => void) => {
    go();
    window.scrollTo({ top: 0 });
  };
  return (
    <>
      <Table<T>
        rowKey="id"
        columns={columns}
        dataSource={page?.items ?? []}
        loading={list.loading}
        pagination={false}
        tableLayout="fixed"
        scroll={{ x: scrollX }}
        locale={{
          emptyText: list.loading ? (
            <StatusView kind="loading" compact />
          ) : (
            <StatusView kind="empty" compact title={empty.title} description={empty.description} action={empty.onReset && <Button onClick={empty.onReset}>{t('action.reset')}</Button>} />
          ),
        }}
      />
      {paged && (
        <nav className="table-footer" aria-label={t('pager.label')}>
          <Space>
            <Button icon={<LeftOutlined />} disabled={!pages.hasPrevious || list.loading} onClick={() => turn(pages.previous)}>
              {t('action.prev')}
            </Button>
            <Typography.Text aria-live="polite">{t('pager.page', { page: pages.page })}</Typography.Text>
            <Button disabled={!page?.nextCursor || list.loading} onClick={() => page?.nextCursor && turn(() => pages.next(page.nextCursor!))}>
              {t('action.next')} <RightOutlined />
            </Button>
          </Space>
          {pageSize && (
            <Select
              aria-label={t('pager.pageSizeLabel')}
              value={pageSize.value}
              style={{ width: 130 }}
              onChange={(next: number) => pageSize.onChange(next)}
              options={PAGE_SIZES.map((n) => ({ value: n, label: t('pager.pageSize', { size: n }) }))}
            />
          )}
        </nav>
      )}
    </>
  );
}
