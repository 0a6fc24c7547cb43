import { TestBed } from '@angular/core/testing';
import { PasswordStrengthService } from './password-strength.service';

describe('PasswordStrengthService', () => {
  it('rates a common password weak and a long unusual one strong, with the real dictionaries', async () => {
    const service = TestBed.inject(PasswordStrengthService);

    expect(await service.estimate('Password1')).toEqual({ score: expect.any(Number), label: 'Weak' });
    expect((await service.estimate('Granite-Ladder-Vortex-1984!')).label).toBe('Strong');
  });

  it("marks down a password built from the user's own name", async () => {
    const service = TestBed.inject(PasswordStrengthService);
    const withoutContext = await service.estimate('Rutherford2026');
    const withContext = await service.estimate('Rutherford2026', ['Ada Rutherford', 'ada@example.com']);

    expect(withoutContext.label).toBe('Strong');
    expect(withContext.score).toBeLessThan(withoutContext.score);
  });
});
