import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { PROJECT_CATEGORIES, PROJECT_SOURCES, PROJECT_STAGES, STAGE_COLORS } from '../../api/enums';
import { ApiError } from '../../api/problem';
import type { Project } from '../../api/types';
import { pageSizeFromSearch, useCursorPages } from '../../api/paging';
import { useApiQuery } from '../../api/useApiQuery';
import { usePermissions } from '../../app/permissions';
import { useUnit } from '../../app/unit-context';
import { DownloadButton } from '../../components/DownloadButton';
import { PageContainer } from '../../components/PageContainer';
import { CursorTable } from '../../components/CursorTable';
import { beijing } from '../../format/date';
import { useFormat } from '../../format/useFormat';
import { useApiFormErrors } from '../../forms/useApiFormErrors';
import { filtersFromSearch, listQuery, searchOf, type ProjectFilters } from './project-filters';

/**
 * 项目库: the reference page for lists. Filters live in the URL; the list is paged on the server
 * with the API's cursor; the export uses the same filters and shows its progress; actions
 * follow the roles the API publishes and disappear in a read-only unit view.
 */
export default function ProjectsPage() {
  const { t } = useTranslation();
  const { unitCode } = useUnit();
  const can = usePermissions();
  const [search, setSearch] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(search), [search]);
  const size = pageSizeFromSearch(search);
  const pages = useCursorPages(JSON.stringify([unitCode, filters, size]));
  const [form] = Form.useForm<ProjectFilters>();
  const filterErrors = useApiFormErrors(form, { prefix: 'query' });

  const list = useApiQuery(unitCode ? ['projects', unitCode, filters, size, pages.cursor] : null, (signal) =>
    unwrap(api.GET('/api/v1/projects', { params: { query: listQuery(unitCode!, filters, size, pages.cursor) }, signal })),
  );

  // The form shows what the URL says (back/forward, shared links).
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(filters);
  }, [form, filters]);

  // A refused filter (the API's query.* field errors) is shown on its field.
  const { error: listError } = list;
  const { apply: showFilterErrors } = filterErrors;
  useEffect(() => {
    if (listError instanceof ApiError && listError.code === 'validation') showFilterErrors(listError);
  }, [listError, showFilterErrors]);

  const applyFilters = (values: ProjectFilters) => {
    filterErrors.clear();
    setSearch(searchOf({ ...values, q: values.q?.trim() || undefined }, size));
  };
  const reset = () => {
    filterErrors.clear();
    setSearch(searchOf({}, size));
  };

  const columns = useProjectColumns();

  return (
    <PageContainer
      description={t('projects.description')}
      extra={
        <>
          <ExportButton filters={filters} unitCode={unitCode} />
          {can.call('POST /api/v1/projects') && (
            <Link to="/projects/new">
              <Button type="primary" icon={<PlusOutlined />}>
                {t('projects.create')}
              </Button>
            </Link>
          )}
        </>
      }
    >
      <Card className="filter-bar" size="small" title={t('projects.filters')}>
        <Form form={form} layout="inline" onFinish={applyFilters} aria-label={t('projects.filters')}>
          {filterErrors.alert && <div style={{ width: '100%' }}>{filterErrors.alert}</div>}
          <Form.Item name="year" label={t('projects.year')}>
            <Select allowClear placeholder={t('projects.allYears')} style={{ width: 120 }} options={yearOptions(filters.year)} />
          </Form.Item>
          <Form.Item name="stage" label={t('projects.stage')}>
            <Select allowClear placeholder={t('projects.allStages')} style={{ width: 120 }} options={PROJECT_STAGES.map((s) => ({ value: s, label: t(`enum.stage.${s}`) }))} />
          </Form.Item>
          <Form.Item name="category" label={t('projects.category')}>
            <Select
              allowClear
              placeholder={t('projects.allCategories')}
              style={{ width: 160 }}
              options={PROJECT_CATEGORIES.map((c) => ({ value: c, label: t(`enum.category.${c}`) }))}
            />
          </Form.Item>
          <Form.Item name="source" label={t('projects.source')}>
            <Select
              allowClear
              placeholder={t('projects.allSources')}
              style={{ width: 200 }}
              options={PROJECT_SOURCES.map((s) => ({ value: s, label: t(`enum.source.${s}`) }))}
            />
          </Form.Item>
          <Form.Item name="q" label={t('projects.keyword')}>
            <Input allowClear maxLength={100} placeholder={t('projects.keywordPlaceholder')} style={{ width: 260 }} />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                {t('action.search')}
              </Button>
              <Button onClick={reset}>{t('action.reset')}</Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>

      <Card title={t('projects.table')} size="small">
        <CursorTable<Project>
          list={list}
          pages={pages}
          columns={columns}
          scrollX={900}
          fieldErrorsOnForm
          empty={{ title: t('projects.empty'), description: t('projects.emptyHint'), onReset: Object.values(filters).some((v) => v !== undefined) ? reset : undefined }}
          pageSize={{ value: size, onChange: (next) => setSearch(searchOf(filters, next)) }}
        />
      </Card>
    </PageContainer>
  );
}

/** Years to filter by: next year back ten years, plus the one in the URL. */
function yearOptions(selected: number | undefined) {
  const current = beijing().year();
  const years = Array.from({ length: 11 }, (_, i) => current + 1 - i);
  if (selected && !years.includes(selected)) years.push(selected);
  return years.sort((a, b) => b - a).map((year) => ({ value: year, label: String(year) }));
}

function useProjectColumns(): TableColumnsType<Project> {
  const { t } = useTranslation();
  const format = useFormat();
  return useMemo(
    () => [
      {
        title: t('projects.columns.title'),
        dataIndex: 'title',
        render: (_: unknown, project: Project) => (
          <>
            <Link to={`/projects/${project.id}`} className="project-title-cell">
              {project.title}
            </Link>
            {project.summary && (
              <Typography.Paragraph type="secondary" className="project-summary" ellipsis={{ rows: 1, tooltip: project.summary }}>
                {project.summary}
              </Typography.Paragraph>
            )}
          </>
        ),
      },
      { title: t('projects.columns.year'), dataIndex: 'year', width: 64 },
      { title: t('projects.columns.category'), dataIndex: 'category', width: 116, className: 'nowrap', render: (c: Project['category']) => t(`enum.category.${c}`) },
      {
        title: t('projects.columns.sources'),
        dataIndex: 'sources',
        width: 176,
        render: (sources: Project['sources']) => (
          <Space size={[0, 4]} wrap>
            {sources.map((s) => (
              <Tag key={s}>{t(`enum.source.${s}`)}</Tag>
            ))}
          </Space>
        ),
      },
      {
        title: t('projects.columns.stage'),
        dataIndex: 'stage',
        width: 72,
        render: (stage: Project['stage']) => <Tag color={STAGE_COLORS[stage]}>{t(`enum.stage.${stage}`)}</Tag>,
      },
      {
        title: t('projects.columns.approval'),
        dataIndex: ['approval', 'documentNumber'],
        width: 168,
        className: 'nowrap',
        render: (number: string | undefined) => number ?? <Typography.Text type="secondary">—</Typography.Text>,
      },
      { title: t('projects.columns.updatedAt'), dataIndex: 'updatedAt', width: 104, className: 'nowrap', render: (value: string) => format.date(value) },
    ],
    [t, format],
  );
}

/** 导出 Excel: the server builds the workbook with the list's filters; progress while it arrives. */
function ExportButton({ filters, unitCode }: { filters: ProjectFilters; unitCode: string | undefined }) {
  const { t } = useTranslation();
  return (
    <DownloadButton
      disabled={!unitCode}
      fallbackName={t('projects.exportName')}
      request={() => api.GET('/api/v1/projects.xlsx', { params: { query: { unit: unitCode!, ...filters } }, parseAs: 'stream' })}
    />
  );
}
