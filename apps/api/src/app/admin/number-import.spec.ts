import { ProblemException } from '../../common/errors/problem.exception';
import { LIMITS } from '@hh/contracts';
import { parseNumberImport } from './number-import';

describe('parseNumberImport', () => {
  it('reads rows with their file lines, quoted fields spanning lines included', () => {
    const parsed = parseNumberImport('phoneNumber,friendlyName\n+19095550142,"Front\ndesk"\n\n+19095550143,Back\n');
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual([
      expect.objectContaining({ line: 3, phoneNumber: '+19095550142', friendlyName: 'Front\ndesk' }),
      expect.objectContaining({ line: 5, phoneNumber: '+19095550143', friendlyName: 'Back', numberType: 'local' }),
    ]);
  });

  it('fills missing trailing fields with the defaults', () => {
    const [row] = parseNumberImport(`phoneNumber,numberType,monthlyCost,locationCountry\n909-555-0142`).rows;
    expect(row).toEqual({
      line: 2,
      phoneNumber: '+19095550142',
      friendlyName: null,
      locationCity: null,
      locationState: null,
      locationCountry: 'US',
      numberType: 'local',
      monthlyCost: 0,
    });
  });

  it('shortens a wild value in its message', () => {
    const { errors } = parseNumberImport(`phoneNumber\n${'9'.repeat(200)}`);
    expect(errors).toEqual([{ line: 2, message: `phoneNumber "${'9'.repeat(40)}…" is not a valid phone number` }]);
  });

  it(`refuses more than ${LIMITS.csvImportRows} rows as a whole`, () => {
    const csv = `phoneNumber\n${'+19095550142\n'.repeat(LIMITS.csvImportRows + 1)}`;
    expect(() => parseNumberImport(csv)).toThrow(ProblemException);
    expect(() => parseNumberImport(csv)).toThrow(/at most 10000/);
  });
});
