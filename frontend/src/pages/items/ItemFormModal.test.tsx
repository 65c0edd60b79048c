import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import { fromValue } from 'wonka';
import { ItemFormModal } from './ItemFormModal';
import type { ItemVersion } from './ItemDetailDrawer';
import { renderWithProviders, stubClient } from '../../test/render';

const version: ItemVersion = {
  id: 'SXRlbTox',
  code: 'SCJG-001',
  version: 2,
  current: true,
  name: '企业公示信息的抽查',
  basis: '《企业信息公示暂行条例》',
  basisRefs: [{ law: '企业信息公示暂行条例', article: '第十四条' }],
  subject: '市场监管局',
  objectKinds: ['ENTERPRISE'],
  content: '年度报告公示信息',
  method: 'DOCUMENT',
  category: 'GENERAL',
  ratioCapBp: 300,
  qualifications: [],
  status: 'ACTIVE',
  note: '',
  createdAt: '2026-11-25T03:06:54Z',
  department: { id: 'RGVwYXJ0bWVudDox', code: 'SCJG', name: '市场监管局' },
};

const saved = { createItem: undefined, updateItem: { id: 'SXRlbToy', code: 'SCJG-001', name: '企业公示信息的抽查', version: 3 } };

function ratioInput() {
  return screen.getByTestId('item-ratio-cap') as HTMLInputElement;
}

describe('ItemFormModal', () => {
  it('says an edit makes a new version, and sends the cap in basis points', async () => {
    const onSaved = vi.fn();
    const client = stubClient({
      executeMutation: vi.fn(() => fromValue({ data: { updateItem: saved.updateItem }, stale: false, hasNext: false })),
    });
    renderWithProviders(<ItemFormModal open item={version} onClose={() => {}} onSaved={onSaved} />, { client });
    expect(screen.getByTestId('item-form-version-notice').textContent).toContain('保存后将生成新版本（v3），旧版本保留');
    expect(ratioInput().value).toBe('3.00');
    fireEvent.change(ratioInput(), { target: { value: '2.5' } });
    fireEvent.click(screen.getByTestId('item-form-ok'));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    const [request] = client.executeMutation.mock.calls[0] as [{ variables: { id: string; input: Record<string, unknown> } }];
    expect(request.variables.id).toBe('SXRlbTox');
    expect(request.variables.input).toMatchObject({ category: 'GENERAL', ratioCapBp: 250, method: 'DOCUMENT' });
    // department and code are permanent: not sent on an edit
    expect(request.variables.input).not.toHaveProperty('code');
    expect(request.variables.input).not.toHaveProperty('departmentId');
  });

  it('needs a cap for a GENERAL item', async () => {
    const client = stubClient();
    renderWithProviders(<ItemFormModal open item={version} onClose={() => {}} onSaved={() => {}} />, { client });
    fireEvent.change(ratioInput(), { target: { value: '' } });
    fireEvent.click(screen.getByTestId('item-form-ok'));
    expect(await screen.findByText('一般检查事项须设抽查比例上限')).toBeTruthy();
    expect(client.executeMutation).not.toHaveBeenCalled();
  });

  it('clears and disables the cap for a KEY item, and sends none', async () => {
    const client = stubClient({
      executeMutation: vi.fn(() => fromValue({ data: { updateItem: saved.updateItem }, stale: false, hasNext: false })),
    });
    renderWithProviders(<ItemFormModal open item={version} onClose={() => {}} onSaved={() => {}} />, { client });
    fireEvent.click(screen.getByText('重点'));
    await waitFor(() => expect(ratioInput().disabled).toBe(true));
    await waitFor(() => expect(ratioInput().value).toBe(''));
    fireEvent.click(screen.getByTestId('item-form-ok'));
    await waitFor(() => expect(client.executeMutation).toHaveBeenCalled());
    const [request] = client.executeMutation.mock.calls[0] as [{ variables: { input: Record<string, unknown> } }];
    expect(request.variables.input).toMatchObject({ category: 'KEY', ratioCapBp: null });
  });

  it('shows the server error at the ratio cap field', async () => {
    const message = '抽查比例上限应在1到10000个基点之间（0.01%–100%） (ratioCapBp must be 1–10000)';
    const client = stubClient({
      executeMutation: vi.fn(() =>
        fromValue({
          error: new CombinedError({
            graphQLErrors: [new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', field: 'ratioCapBp' } })],
          }),
          stale: false,
          hasNext: false,
        }),
      ),
    });
    renderWithProviders(<ItemFormModal open item={version} onClose={() => {}} onSaved={() => {}} />, { client });
    fireEvent.click(screen.getByTestId('item-form-ok'));
    const shown = await screen.findByText(message);
    expect(shown.closest('.ant-form-item')?.querySelector('[data-testid="item-ratio-cap"]')).toBeTruthy();
    expect(screen.queryByTestId('item-form-error')).toBeNull();
  });
});
