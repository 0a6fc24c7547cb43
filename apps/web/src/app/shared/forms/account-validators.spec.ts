import { FormControl, FormGroup } from '@angular/forms';
import { emailAddress, matchingFields, passwordRules, requiredTrimmed, trimmedLength } from './account-validators';
import { fieldErrorMessage } from './field-error-message';

describe('account validators and their messages', () => {
  it('measures names after trimming, like the API', () => {
    const name = new FormControl('  J ', [requiredTrimmed, trimmedLength(2, 100)]);
    expect(fieldErrorMessage(name, 'Name')).toBe('Name must be at least 2 characters.');

    name.setValue('   ');
    expect(fieldErrorMessage(name, 'Name')).toBe('Name is required.');

    name.setValue(`  ${'x'.repeat(100)}  `);
    expect(name.valid).toBe(true);

    name.setValue('x'.repeat(101));
    expect(fieldErrorMessage(name, 'Name')).toBe('Name must be at most 100 characters.');
  });

  it('wants an email with a dotted domain', () => {
    const email = new FormControl('', emailAddress);
    for (const bad of ['jane', 'jane@', 'jane@localhost', 'jane doe@example.com']) {
      email.setValue(bad);
      expect(fieldErrorMessage(email, 'Email')).toBe('Enter a valid email address.');
    }
    email.setValue(' Jane.Doe@Example.co.uk ');
    expect(email.valid).toBe(true);
  });

  it('names every password rule that fails, in the shared words', () => {
    const password = new FormControl('short', passwordRules);
    expect(fieldErrorMessage(password, 'Password')).toBe(
      'Password must be at least 8 characters, must contain an uppercase letter, must contain a digit.',
    );
    password.setValue('longenough1');
    expect(fieldErrorMessage(password, 'Password')).toBe('Password must contain an uppercase letter.');
    password.setValue('Tr0ubadour');
    expect(password.valid).toBe(true);
  });

  it('flags a confirmation that does not repeat the new password', () => {
    const form = new FormGroup(
      { newPassword: new FormControl('Tr0ubadour'), confirmPassword: new FormControl('Tr0ubadoor') },
      { validators: matchingFields('newPassword', 'confirmPassword') },
    );
    expect(fieldErrorMessage(form.controls.confirmPassword, 'Confirm new password')).toBe('Passwords do not match.');

    form.controls.confirmPassword.setValue('Tr0ubadour');
    expect(form.controls.confirmPassword.errors).toBeNull();
  });

  it('shows a server message before any other', () => {
    const control = new FormControl('');
    control.setErrors({ required: true, server: 'Current password is incorrect.' });
    expect(fieldErrorMessage(control, 'Current password')).toBe('Current password is incorrect.');
  });
});
