import { Breadcrumb, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTrail } from '../app/page-trail';

export interface PageContainerProps {
  /** Defaults to the route's title (PAGES' titleKey). */
  title?: ReactNode;
  description?: ReactNode;
  /** Page actions, top right (primary action last). */
  extra?: ReactNode;
  children?: ReactNode;
}

/** The frame of every page: breadcrumb, title, description, actions; the same spacing everywhere. */
export function PageContainer({ title, description, extra, children }: PageContainerProps) {
  const { t } = useTranslation();
  const trail = usePageTrail();
  const current = trail[trail.length - 1];
  return (
    <div className="page">
      {trail.length > 1 && (
        <nav aria-label={t('nav.breadcrumb')}>
          <Breadcrumb
            items={trail.map((item, index) =>
              index === trail.length - 1 ? { title: t(item.titleKey) } : { title: <Link to={item.to}>{t(item.titleKey)}</Link> },
            )}
          />
        </nav>
      )}
      <header className="page-header">
        <div className="page-heading">
          <Typography.Title level={3} className="page-title">
            {title ?? (current ? t(current.titleKey) : null)}
          </Typography.Title>
          {description && (
            <Typography.Paragraph type="secondary" className="page-description">
              {description}
            </Typography.Paragraph>
          )}
        </div>
        {extra && <div className="page-extra">{extra}</div>}
      </header>
      {children}
    </div>
  );
}
