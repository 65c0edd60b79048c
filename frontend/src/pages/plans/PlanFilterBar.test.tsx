import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import { PlanFilterBar } from './PlanFilterBar';
import { renderWithProviders, stubClient } from '../../test/render';

describe('PlanFilterBar', () => {
  it('sends the year and the trimmed search together, and drops what is cleared', () => {
    const onChange = vi.fn();
    renderWithProviders(<PlanFilterBar statuses={['PUBLISHED', 'DRAWN']} onChange={onChange} testid="f" />, { client: stubClient() });
    const year = screen.getByTestId('f-year').querySelector('input') ?? screen.getByTestId('f-year');
    fireEvent.change(year, { target: { value: '2026' } });
    expect(onChange).toHaveBeenLastCalledWith({ year: 2026 });
    const search = screen.getByPlaceholderText(/编号|number/);
    fireEvent.change(search, { target: { value: '  食品 ' } });
    fireEvent.keyDown(search, { key: 'Enter', code: 'Enter', keyCode: 13 });
    expect(onChange).toHaveBeenLastCalledWith({ year: 2026, search: '食品' });
    fireEvent.change(year, { target: { value: '' } });
    expect(onChange).toHaveBeenLastCalledWith({ search: '食品' });
  });
});
