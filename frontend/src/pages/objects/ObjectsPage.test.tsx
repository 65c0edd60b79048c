import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { getOperationAST, type DocumentNode } from 'graphql';
import { fromValue, never } from 'wonka';
import ObjectsPage from './ObjectsPage';
import { renderWithProviders, stubClient } from '../../test/render';

const page = {
  objects: {
    __typename: 'InspectionObjectConnection',
    pageInfo: { __typename: 'PageInfo', hasNextPage: true, endCursor: 'Yzox' },
    edges: [
      {
        __typename: 'InspectionObjectEdge',
        cursor: 'Yzox',
        node: {
          __typename: 'InspectionObject',
          id: 'SW5zcGVjdGlvbk9iamVjdDox',
          uid: '91410171MA01C846XM',
          kind: 'ENTERPRISE',
          name: '河南港区锦程医疗器械股份有限公司',
          regionCode: '410171',
          industryCode: 'F5174',
          riskClass: 'A',
          active: true,
          tags: [],
          supervisingDepartments: [],
        },
      },
    ],
  },
};

type Op = { query: DocumentNode; variables: Record<string, unknown> };

const getOperationName = (doc: DocumentNode) => getOperationAST(doc)?.name?.value;

function client() {
  return stubClient({
    executeQuery: vi.fn((op: Op) => {
      switch (getOperationName(op.query)) {
        case 'ObjectsPage_Objects':
          return fromValue({ operation: op, data: page, stale: false, hasNext: false });
        case 'ObjectsPage_Count':
          return fromValue({
            operation: op,
            data: { objects: { __typename: 'InspectionObjectConnection', totalCount: 113 } },
            stale: false,
            hasNext: false,
          });
        default:
          return never;
      }
    }),
  });
}

function calls(c: ReturnType<typeof client>, name: string): Op[] {
  return (c.executeQuery.mock.calls as [Op][]).map(([op]) => op).filter((op) => getOperationName(op.query) === name);
}

describe('ObjectsPage', () => {
  it('asks for the page, then the total in a query of its own', async () => {
    const c = client();
    renderWithProviders(<ObjectsPage />, { client: c, path: '/objects' });
    expect(await screen.findByText('共 113 条 · 第 1 / 6 页')).toBeTruthy();
    expect(calls(c, 'ObjectsPage_Objects')[0]!.variables).toEqual({ first: 20, after: null, filter: {} });
    expect(calls(c, 'ObjectsPage_Count')[0]!.variables).toEqual({ filter: {} });
  });

  it('sends a search of two characters or more, and not one of one', async () => {
    const c = client();
    renderWithProviders(<ObjectsPage />, { client: c, path: '/objects' });
    await screen.findByText('河南港区锦程医疗器械股份有限公司');
    const search = (text: string) => {
      const input = screen.getByPlaceholderText('名称（至少 2 个字）或信用代码开头');
      fireEvent.change(input, { target: { value: text } });
      // the search button (the first button is the clear icon)
      const buttons = input.closest('[data-testid="objects-search"]')!.querySelectorAll('button');
      fireEvent.click(buttons[buttons.length - 1]!);
    };
    search('锦');
    expect(await screen.findByText('请至少输入 2 个字')).toBeTruthy();
    search('锦程');
    await waitFor(() =>
      expect(calls(c, 'ObjectsPage_Objects').some((op) => (op.variables.filter as { search?: string }).search === '锦程')).toBe(true),
    );
    expect(calls(c, 'ObjectsPage_Objects').some((op) => (op.variables.filter as { search?: string }).search === '锦')).toBe(false);
    await waitFor(() =>
      expect(calls(c, 'ObjectsPage_Count').some((op) => (op.variables.filter as { search?: string }).search === '锦程')).toBe(true),
    );
  });
});
