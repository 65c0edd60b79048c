import { Button, Grid, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import type { ItemsTable_ItemFragment } from '../../gql/graphql';
import { CATEGORY_COLORS, ITEM_STATUS_COLORS, enumLabel } from '../../lib/enums';
import { formatRatioCap } from '../../lib/ratio';
import './items.css';

export const ItemsTableItemFragment = graphql(`
  fragment ItemsTable_Item on Item {
    id
    code
    name
    version
    category
    method
    ratioCapBp
    status
    objectKinds
    department {
      id
      code
      name
      shortName
    }
  }
`);

export type ItemRow = ItemsTable_ItemFragment;

/** 比例上限: "5%" for a GENERAL item, 不设上限 for a KEY item. */
export function RatioCap({ bp }: { bp: number | null | undefined }) {
  const { t } = useTranslation();
  const text = formatRatioCap(bp);
  return text ? <span className="mono-num">{text}</span> : <Typography.Text type="secondary">{t('items.noCap')}</Typography.Text>;
}

export function CategoryTag({ category }: { category: ItemRow['category'] }) {
  const { t } = useTranslation();
  return <Tag color={CATEGORY_COLORS[category]}>{enumLabel(t, 'ItemCategory', category)}</Tag>;
}

interface Props {
  items: readonly ItemRow[];
  loading: boolean;
  onOpen: (item: ItemRow) => void;
  /** Offers 编辑 on the rows it returns true for. */
  canEdit?: (item: ItemRow) => boolean;
  onEdit?: (item: ItemRow) => void;
  showStatus?: boolean;
  testid: string;
}

/** An item list: department, code, name, category, method, ratio cap, status. */
export function ItemsTable({ items, loading, onOpen, canEdit, onEdit, showStatus = true, testid }: Props) {
  const { t } = useTranslation();
  const wide = Grid.useBreakpoint().md ?? true;
  const columns: TableColumnsType<ItemRow> = [
    {
      title: t('items.department'),
      key: 'department',
      responsive: ['md'],
      render: (_, it) => <span style={{ whiteSpace: 'nowrap' }}>{it.department.shortName || it.department.name}</span>,
    },
    {
      title: t('items.code'),
      dataIndex: 'code',
      responsive: ['md'],
      render: (v: string) => (
        <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
          {v}
        </Typography.Text>
      ),
    },
    {
      title: t('items.name'),
      dataIndex: 'name',
      render: (v: string, it) => (
        <div className="item-name-cell">
          <Button type="link" className="link-cell" onClick={() => onOpen(it)} data-testid={`item-open-${it.code}`}>
            {v}
          </Button>
          {!wide && (
            <Typography.Text type="secondary" className="item-name-sub">
              {it.code} · {it.department.shortName || it.department.name}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { title: t('items.category'), dataIndex: 'category', render: (c: ItemRow['category']) => <CategoryTag category={c} /> },
    {
      title: t('items.method'),
      dataIndex: 'method',
      responsive: ['md'],
      render: (m: ItemRow['method']) => <span style={{ whiteSpace: 'nowrap' }}>{enumLabel(t, 'InspectionMethod', m)}</span>,
    },
    { title: t('items.ratioCap'), dataIndex: 'ratioCapBp', align: 'right', render: (bp: number | null) => <RatioCap bp={bp} /> },
  ];
  if (showStatus) {
    columns.push({
      title: t('items.status'),
      dataIndex: 'status',
      render: (s: ItemRow['status']) => <Tag color={ITEM_STATUS_COLORS[s]}>{enumLabel(t, 'ItemStatus', s)}</Tag>,
    });
  }
  columns.push(
    { title: t('items.version'), dataIndex: 'version', align: 'right', responsive: ['lg'], render: (v: number) => `v${v}` },
    {
      title: t('common.actions'),
      key: 'actions',
      responsive: onEdit ? undefined : ['sm'],
      render: (_, it) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => onOpen(it)}>
            {t('common.view')}
          </Button>
          {onEdit && canEdit?.(it) && (
            <Button type="link" size="small" onClick={() => onEdit(it)} data-testid={`item-edit-${it.code}`}>
              {t('common.edit')}
            </Button>
          )}
        </Space>
      ),
    },
  );
  return (
    <Table<ItemRow>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={items as ItemRow[]}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      rowClassName={(it) => (it.status === 'ACTIVE' ? '' : 'row-inactive')}
      data-testid={testid}
    />
  );
}
