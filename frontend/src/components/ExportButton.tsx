import { useState } from 'react';
import { App, Button, Dropdown, type MenuProps } from 'antd';
import { DownloadOutlined, FileExcelOutlined, FileTextOutlined } from '@ant-design/icons';
import type { CombinedError } from '@urql/core';
import { useTranslation } from 'react-i18next';
import type { ExportFormat } from '../gql/graphql';
import { errorMessage } from '../graphql/errors';
import { startDownload } from '../lib/download';

export interface ExportResult {
  url?: string | null;
  error?: CombinedError;
}

interface Props {
  /** Asks the API for a one-time link to the list in a format. */
  run: (format: ExportFormat) => Promise<ExportResult>;
  disabled?: boolean;
  testid?: string;
}

/**
 * 导出 Excel / 导出 CSV: the server builds the file from the current filter
 * and streams it from a one-time link that the browser downloads directly.
 */
export function ExportButton({ run, disabled, testid = 'export' }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<ExportFormat | null>(null);

  const go = async (format: ExportFormat) => {
    setBusy(format);
    try {
      const res = await run(format);
      if (res.error || !res.url) {
        void message.error(res.error ? errorMessage(res.error, t) : t('export.failed'));
        return;
      }
      startDownload(res.url);
      void message.success(t('export.started'));
    } finally {
      setBusy(null);
    }
  };

  const menu: MenuProps = {
    items: [
      { key: 'XLSX', icon: <FileExcelOutlined />, label: <span data-testid={`${testid}-xlsx`}>{t('export.xlsx')}</span> },
      { key: 'CSV', icon: <FileTextOutlined />, label: <span data-testid={`${testid}-csv`}>{t('export.csv')}</span> },
    ],
    onClick: ({ key }) => void go(key as ExportFormat),
  };

  return (
    <Dropdown menu={menu} trigger={['click']} disabled={disabled || busy !== null}>
      <Button icon={<DownloadOutlined />} loading={busy !== null} data-testid={testid}>
        {t('export.button')}
      </Button>
    </Dropdown>
  );
}
