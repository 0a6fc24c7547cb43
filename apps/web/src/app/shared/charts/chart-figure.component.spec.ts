import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ChartFigureComponent, type ChartTableRow } from './chart-figure.component';

@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ChartFigureComponent],
  template: `
    <hh-chart-figure caption="Calls per day (days with calls)" [columns]="columns" [rows]="rows()" [height]="height()">
      <canvas role="img" aria-label="Calls per day over 2 days: 3 calls."></canvas>
    </hh-chart-figure>
  `,
})
class HostComponent {
  readonly columns = ['Day', 'Successful', 'Failed'];
  readonly rows = signal<ChartTableRow[]>([
    { key: '2026-11-01', label: 'Nov 1', cells: [2, 0] },
    { key: '2026-11-02', label: 'Nov 2', cells: [0, 1] },
  ]);
  readonly height = signal('16rem');
}

describe('ChartFigureComponent', () => {
  function render() {
    const fixture = TestBed.createComponent(HostComponent);
    fixture.detectChanges();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  const texts = (elements: NodeListOf<Element>) => Array.from(elements, (element) => element.textContent?.trim());

  it('holds the chart in a box of the given height', () => {
    const { fixture, element } = render();
    const box = element.querySelector<HTMLElement>('.chart-box');
    expect(box?.querySelector('canvas[role="img"]')?.getAttribute('aria-label')).toBe(
      'Calls per day over 2 days: 3 calls.',
    );
    expect(box?.style.height).toBe('16rem');

    fixture.componentInstance.height.set('15rem');
    fixture.detectChanges();
    expect(box?.style.height).toBe('15rem');
  });

  it('gives the figures as a hidden table: a caption, column headers, and a header cell for each row', () => {
    const { element } = render();
    const table = element.querySelector('table');
    expect(table?.classList).toContain('visually-hidden');
    expect(table?.caption?.textContent?.trim()).toBe('Calls per day (days with calls)');
    expect(texts(element.querySelectorAll('thead th[scope="col"]'))).toEqual(['Day', 'Successful', 'Failed']);
    expect(texts(element.querySelectorAll('tbody th[scope="row"]'))).toEqual(['Nov 1', 'Nov 2']);
    expect(Array.from(element.querySelectorAll('tbody tr'), (row) => texts(row.querySelectorAll('td')))).toEqual([
      ['2', '0'],
      ['0', '1'],
    ]);
  });

  it('follows the rows as they change', () => {
    const { fixture, element } = render();
    fixture.componentInstance.rows.set([{ key: '2026-11-03', label: 'Nov 3', cells: [4, 4] }]);
    fixture.detectChanges();
    expect(texts(element.querySelectorAll('tbody th'))).toEqual(['Nov 3']);
    expect(texts(element.querySelectorAll('tbody td'))).toEqual(['4', '4']);
  });
});
