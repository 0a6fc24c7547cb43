import { TestBed } from '@angular/core/testing';
import { providePortalIcons } from '../../core/icons/portal-icons';
import { ListStatusComponent } from './list-status.component';

describe('ListStatusComponent', () => {
  function render(loading: boolean, error: string | null) {
    TestBed.configureTestingModule({ providers: [providePortalIcons()] });
    const fixture = TestBed.createComponent(ListStatusComponent);
    fixture.componentRef.setInput('loading', loading);
    fixture.componentRef.setInput('error', error);
    fixture.componentRef.setInput('loadingLabel', 'Loading users');
    fixture.detectChanges();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  it('shows a named progress bar while loading, and no problem', () => {
    const { element } = render(true, null);
    expect(element.querySelector('mat-progress-bar')?.getAttribute('aria-label')).toBe('Loading users');
    expect(element.querySelector('[role="alert"]')).toBeNull();
  });

  it('shows the problem with a "Try again" that asks for a retry', () => {
    const { fixture, element } = render(false, "We couldn't reach the server.");
    let retried = 0;
    fixture.componentInstance.retry.subscribe(() => retried++);
    expect(element.querySelector('mat-progress-bar')).toBeNull();
    expect(element.querySelector('[role="alert"]')?.textContent).toContain("We couldn't reach the server.");
    element.querySelector('button')?.click();
    expect(retried).toBe(1);
  });
});
