import { ApartmentOutlined } from '@ant-design/icons';
import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitNode } from '../api/types';
import { useUnit } from './unit-context';

interface TreeOption {
  value: string;
  title: string;
  children: TreeOption[];
}

function toOption(node: UnitNode): TreeOption {
  return { value: node.code, title: node.name, children: node.children.map(toOption) };
}

/**
 * Province and city users switch to a read-only view of a descendant unit. Loaded lazily by the
 * layout (TreeSelect is heavy and most users have no descendants).
 */
export default function UnitSwitcher() {
  const { t } = useTranslation();
  const { own, unitCode, select } = useUnit();
  const treeData = useMemo(() => (own ? [toOption(own)] : []), [own]);
  if (!own) return null;
  return (
    <TreeSelect
      className="unit-switcher"
      aria-label={t('unit.switcher')}
      title={t('unit.switcher')}
      value={unitCode}
      treeData={treeData}
      treeDefaultExpandedKeys={[own.code]}
      showSearch={{ treeNodeFilterProp: 'title' }}
      placeholder={t('unit.switcherPlaceholder')}
      popupMatchSelectWidth={280}
      onChange={(code: string) => select(code)}
      variant="filled"
      prefix={<ApartmentOutlined />}
    />
  );
}
