import type { ReactNode } from 'react';
import { Card } from 'antd';
import { PageContainer } from '../components/PageContainer';
import { StatusView } from '../components/StatusView';

/** A page whose content is still to be built: its frame, its purpose, a designed "coming" state. */
export function PlaceholderPage({ description, children }: { description: ReactNode; children?: ReactNode }) {
  return (
    <PageContainer description={description}>
      {children}
      <Card>
        <StatusView kind="construction" description={description} />
      </Card>
    </PageContainer>
  );
}
