import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { fromValue, never } from 'wonka';
import ImportPage from './ImportPage';
import { renderWithProviders, stubClient } from '../../test/render';

const job = {
  __typename: 'ImportJob',
  id: 'SW1wb3J0Sm9iOjE',
  kind: 'INSPECTORS',
  fileName: 'inspectors.csv',
  fileSize: 24,
  status: 'QUEUED',
  dryRun: false,
  allOrNothing: true,
  totalRows: 0,
  processedRows: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  rejected: 0,
  message: '',
  createdBy: 'admin',
  createdAt: '2026-11-25T03:00:00Z',
  startedAt: null,
  finishedAt: null,
};

describe('ImportPage', () => {
  it('sends the chosen kind, the file and both options to startImport', async () => {
    const client = stubClient({
      executeQuery: vi.fn(() => never),
      executeMutation: vi.fn(() => fromValue({ data: { startImport: job }, stale: false, hasNext: false })),
    });
    const { container } = renderWithProviders(<ImportPage />, { client, path: '/import' });
    fireEvent.click(screen.getByText('检查人员'));
    const file = new File(['人员编号,姓名,所属部门\n'], 'inspectors.csv', { type: 'text/csv' });
    fireEvent.change(container.querySelector('input[type=file]')!, { target: { files: [file] } });
    await screen.findByText(/inspectors\.csv/);
    fireEvent.click(screen.getByText('试导入（只检查不写入）'));
    fireEvent.click(screen.getByText('全部或全不（有任何错误行则不写入）'));
    fireEvent.click(screen.getByTestId('import-start'));
    await waitFor(() => expect(client.executeMutation).toHaveBeenCalled());
    const [request] = client.executeMutation.mock.calls[0] as [{ variables: Record<string, unknown> }];
    expect(request.variables).toMatchObject({ kind: 'INSPECTORS', dryRun: false, allOrNothing: true });
    expect(request.variables.file).toBe(file);
  });

  it('refuses a file that is not CSV or XLSX before sending anything', async () => {
    const client = stubClient();
    const { container } = renderWithProviders(<ImportPage />, { client, path: '/import' });
    const file = new File(['x'], 'objects.xls');
    fireEvent.change(container.querySelector('input[type=file]')!, { target: { files: [file] } });
    expect(await screen.findByText('只支持 .csv 和 .xlsx 文件')).toBeTruthy();
    expect((screen.getByTestId('import-start') as HTMLButtonElement).disabled).toBe(true);
  });
});
