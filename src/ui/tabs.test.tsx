// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { Tabs } from './tabs';

afterEach(cleanup);

const tabs = [
  { id: 'a', label: 'Catalog map', render: () => <p>map body</p> },
  { id: 'b', label: 'Model report', render: () => <p>report body</p> },
];

describe('Tabs', () => {
  it('renders no panel until a tab is opened, then only that one', () => {
    render(<Tabs label="Analyst view" tabs={tabs} initial={null} empty={<p>pick one</p>} />);
    expect(screen.getByText('pick one')).toBeTruthy();
    expect(screen.queryByRole('tabpanel')).toBeNull();
    fireEvent.click(screen.getByRole('tab', { name: 'Model report' }));
    expect(screen.getByRole('tabpanel').textContent).toBe('report body');
    expect(screen.queryByText('map body')).toBeNull();
    expect(screen.getByRole('tab', { name: 'Model report' }).getAttribute('aria-selected')).toBe('true');
  });

  it('moves between tabs with the arrow keys', () => {
    render(<Tabs label="Analyst view" tabs={tabs} initial="a" />);
    fireEvent.keyDown(screen.getByRole('tab', { name: 'Catalog map' }), { key: 'ArrowRight' });
    expect(screen.getByRole('tabpanel').textContent).toBe('report body');
    fireEvent.keyDown(screen.getByRole('tab', { name: 'Model report' }), { key: 'ArrowRight' });
    expect(screen.getByRole('tabpanel').textContent).toBe('map body');
    expect(document.activeElement?.textContent).toBe('Catalog map');
  });
});
