import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import { fromValue } from 'wonka';
import { DepartmentFormModal } from './DepartmentFormModal';
import { renderWithProviders, stubClient } from '../../test/render';

const created = {
  id: 'RGVwYXJ0bWVudDo5',
  code: 'E2E1',
  name: '测试局',
  shortName: '测试',
  description: null,
  sortOrder: 7,
  active: true,
  updatedAt: '2026-11-25T10:00:00+08:00',
};

function type(testid: string, value: string) {
  fireEvent.change(screen.getByTestId(testid), { target: { value } });
}

describe('DepartmentFormModal', () => {
  it('sends createDepartment with the values typed in', async () => {
    const onSaved = vi.fn();
    const client = stubClient({
      executeMutation: vi.fn(() => fromValue({ data: { createDepartment: created }, stale: false, hasNext: false })),
    });
    renderWithProviders(<DepartmentFormModal open department={null} onClose={() => {}} onSaved={onSaved} />, { client });
    type('department-code', ' E2E1 ');
    type('department-name', '测试局');
    type('department-short-name', '测试');
    type('department-sort-order', '7');
    fireEvent.click(screen.getByTestId('department-form-ok'));

    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(created));
    expect(client.executeMutation).toHaveBeenCalledTimes(1);
    const [request] = client.executeMutation.mock.calls[0] as [{ variables: unknown; query: unknown }];
    expect(request.variables).toEqual({
      input: { code: 'E2E1', name: '测试局', shortName: '测试', description: undefined, sortOrder: 7 },
    });
  });

  it('does not call the server while required fields are empty', async () => {
    const client = stubClient();
    renderWithProviders(<DepartmentFormModal open department={null} onClose={() => {}} onSaved={() => {}} />, { client });
    fireEvent.click(screen.getByTestId('department-form-ok'));
    expect(await screen.findByText('请输入代码')).toBeTruthy();
    expect(screen.getByText('请输入名称')).toBeTruthy();
    expect(client.executeMutation).not.toHaveBeenCalled();
  });

  it('shows a server validation error at the field it names', async () => {
    const message = '部门代码 SCJG 已存在 (department code SCJG already exists)';
    const client = stubClient({
      executeMutation: vi.fn(() =>
        fromValue({
          error: new CombinedError({
            graphQLErrors: [new GraphQLError(message, { extensions: { code: 'CONFLICT', field: 'input.code' } })],
          }),
          stale: false,
          hasNext: false,
        }),
      ),
    });
    renderWithProviders(<DepartmentFormModal open department={null} onClose={() => {}} onSaved={() => {}} />, { client });
    type('department-code', 'SCJG');
    type('department-name', '市场监管局');
    fireEvent.click(screen.getByTestId('department-form-ok'));
    const shown = await screen.findByText(message);
    // At the code field, not in the form-wide alert.
    expect(shown.closest('.ant-form-item')?.querySelector('[data-testid="department-code"]')).toBeTruthy();
    expect(screen.queryByTestId('department-form-error')).toBeNull();
  });

  it('finds the field from the message when the server does not name it', async () => {
    const message = '名称不能为空 (name must not be empty)';
    const client = stubClient({
      executeMutation: vi.fn(() =>
        fromValue({
          error: new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } })] }),
          stale: false,
          hasNext: false,
        }),
      ),
    });
    renderWithProviders(<DepartmentFormModal open department={null} onClose={() => {}} onSaved={() => {}} />, { client });
    type('department-code', 'X1');
    type('department-name', '某局');
    fireEvent.click(screen.getByTestId('department-form-ok'));
    const shown = await screen.findByText(message);
    expect(shown.closest('.ant-form-item')?.querySelector('[data-testid="department-name"]')).toBeTruthy();
  });
});
