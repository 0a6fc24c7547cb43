import { FormControl } from '@angular/forms';
import { areaCode, httpUrl, numberRequestBody, requestFieldErrorMessage } from './number-request-form';

describe('number request form rules', () => {
  it('takes an area code of exactly three digits, or none', () => {
    expect(areaCode(new FormControl(''))).toBeNull();
    expect(areaCode(new FormControl(' 909 '))).toBeNull();
    for (const bad of ['90', '9090', '9o9', '+909']) {
      expect(areaCode(new FormControl(bad))).toEqual({ areaCode: 'Area code must be 3 digits.' });
    }
  });

  it('takes http(s) addresses with a real host name, as the API does', () => {
    for (const good of [
      '',
      'https://acme-roofing.example',
      'http://www.acme.com/contact?x=1',
      'https://xn--bcher-kva.ch',
    ]) {
      expect(httpUrl(new FormControl(good))).toBeNull();
    }
    for (const bad of [
      'acme.com',
      'ftp://acme.com',
      'http://acme',
      'https://',
      'https://acme .com',
      'javascript:alert(1)',
    ]) {
      expect(httpUrl(new FormControl(bad))).not.toBeNull();
    }
  });

  it('words its own errors, and lets a server error win', () => {
    const control = new FormControl('ftp://acme.com', httpUrl);
    expect(requestFieldErrorMessage(control, 'Business website')).toBe(
      'Business website must be an http(s) address, such as https://example.com.',
    );
    control.setErrors({ ...control.errors, server: 'Business website is taken.' });
    expect(requestFieldErrorMessage(control, 'Business website')).toBe('Business website is taken.');
  });

  it('sends trimmed values and leaves blank ones out', () => {
    expect(
      numberRequestBody({
        numberType: 'toll_free',
        areaCode: ' ',
        cityPreference: ' Riverside ',
        businessName: '',
        businessWebsite: 'https://acme.example ',
        reason: '\n',
      }),
    ).toEqual({ numberType: 'toll_free', cityPreference: 'Riverside', businessWebsite: 'https://acme.example' });
  });
});
