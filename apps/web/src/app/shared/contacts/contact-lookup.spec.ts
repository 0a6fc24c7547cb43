import type { ContactDirectoryEntry } from '@hh/contracts';
import { ContactLookup } from './contact-lookup';

const entry = (
  contactId: number,
  name: string,
  phoneNumber: string,
  extra: Partial<ContactDirectoryEntry> = {},
): ContactDirectoryEntry => ({ contactId, name, phoneNumber, label: 'mobile', company: null, ...extra });

const DIRECTORY = [
  entry(1, 'Bob Ortega', '+13105550188', { company: 'Harbor Tours' }),
  entry(2, 'Dana Whitfield', '+19095550142', { company: 'Acme Roofing' }),
  entry(2, 'Dana Whitfield', '+12125550147', { label: 'work', company: 'Acme Roofing' }),
  entry(3, 'Zed Danaher', '+19095550199'),
  entry(4, 'Shared Line Later', '+13105550188'),
];

describe('ContactLookup', () => {
  const lookup = new ContactLookup(DIRECTORY);

  it('finds the name of an E.164 number, and of the same number however it is typed', () => {
    expect(lookup.nameFor('+19095550142')).toBe('Dana Whitfield');
    expect(lookup.nameFor('+12125550147')).toBe('Dana Whitfield');
    expect(lookup.nameFor('(909) 555-0142')).toBe('Dana Whitfield');
    expect(lookup.nameFor('909.555.0142')).toBe('Dana Whitfield');
    expect(lookup.nameFor('1 909 555 0142')).toBe('Dana Whitfield');
  });

  it('has no name for unknown, empty or partial numbers', () => {
    expect(lookup.nameFor('+15005550004')).toBeNull();
    expect(lookup.nameFor('')).toBeNull();
    expect(lookup.nameFor(null)).toBeNull();
    expect(lookup.nameFor(undefined)).toBeNull();
    expect(lookup.nameFor('555-0142')).toBeNull();
    expect(lookup.nameFor('Unknown')).toBeNull();
  });

  it('gives a number two contacts share to the first by name (the directory is sorted by name)', () => {
    expect(lookup.nameFor('+13105550188')).toBe('Bob Ortega');
  });

  it('suggests contacts by name or company, names starting with the text first', () => {
    expect(lookup.suggest('dana').map((s) => [s.name, s.phoneNumber])).toEqual([
      ['Dana Whitfield', '+19095550142'],
      ['Dana Whitfield', '+12125550147'],
      ['Zed Danaher', '+19095550199'],
    ]);
    expect(lookup.suggest('HARBOR').map((s) => s.name)).toEqual(['Bob Ortega']);
    expect(lookup.suggest('  ')).toEqual([]);
    expect(lookup.suggest('nobody')).toEqual([]);
  });

  it('suggests contacts by the digits of a number however they are typed', () => {
    expect(lookup.suggest('909555').map((s) => s.phoneNumber)).toEqual(['+19095550142', '+19095550199']);
    expect(lookup.suggest('(909) 555-01').map((s) => s.phoneNumber)).toEqual(['+19095550142', '+19095550199']);
    expect(lookup.suggest('+1 212')).toEqual([
      { contactId: 2, name: 'Dana Whitfield', company: 'Acme Roofing', label: 'work', phoneNumber: '+12125550147' },
    ]);
    expect(lookup.suggest('()-')).toEqual([]);
  });

  it('offers at most the limit', () => {
    const many = new ContactLookup(
      Array.from({ length: 20 }, (_, i) => entry(i, `Person ${i}`, `+1909555${1000 + i}`)),
    );
    expect(many.suggest('person')).toHaveLength(6);
    expect(many.suggest('909', 3)).toHaveLength(3);
  });
});
