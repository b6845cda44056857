import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedFile } from '../../../test/shared-data.js';
import type { BdlSubject, BdlVariable } from './api-types.js';
import {
  dimensionParts,
  levelsOfVariable,
  subjectPath,
  toVariableMeta,
  variableName,
} from './variable-meta.js';

const variables = JSON.parse(
  readFileSync(sharedFile('bdl-api-samples/samples_raw_variables.json'), 'utf-8'),
) as { get_variable: BdlVariable; list_variables: BdlVariable[] };
const councillorsByAge = variables.get_variable; // id 10: P1313, n1 "ogółem", n2 "25-29"

const chain: BdlSubject[] = [
  { id: 'K3', name: 'WYBORY' },
  { id: 'G2', parentId: 'K3', name: 'Radni' },
  { id: 'P1313', parentId: 'G2', name: 'Gmina councillors by sex and age' }, // as recorded (English)
];

describe('variableName', () => {
  it('joins dimension values with ", " and puts the subject before an em dash', () => {
    expect(variableName(councillorsByAge)).toBe('ogółem, 25-29');
    expect(variableName(councillorsByAge, 'Radni gmin według płci i wieku')).toBe(
      'Radni gmin według płci i wieku — ogółem, 25-29',
    );
  });
  it('drops empty values and a value repeating the previous one (variable 34032: ogółem, ogółem)', () => {
    const total = variables.list_variables.find((v) => v.id === 34032);
    expect(total && dimensionParts(total)).toEqual(['ogółem']);
    expect(dimensionParts({ n1: ' wydatki ', n2: '', n3: 'Oświata', n4: 'oświata', n5: 'razem' })).toEqual([
      'wydatki',
      'Oświata',
      'razem',
    ]);
  });
  it('is the subject alone when there are no dimension values', () => {
    expect(variableName({}, 'Powierzchnia')).toBe('Powierzchnia');
  });
});

describe('subjectPath', () => {
  it('joins the chain from the root with " > "', () => {
    expect(subjectPath(chain)).toBe('WYBORY > Radni > Gmina councillors by sex and age');
    expect(subjectPath([])).toBeNull();
  });
});

describe('levelsOfVariable', () => {
  it('reaches from the variable’s own level up to Polska', () => {
    expect(levelsOfVariable(6)).toEqual(['gmina', 'powiat', 'wojewodztwo', 'polska']);
    expect(levelsOfVariable(5)).toEqual(['powiat', 'wojewodztwo', 'polska']);
    expect(levelsOfVariable(2)).toEqual(['wojewodztwo', 'polska']);
    expect(levelsOfVariable(0)).toEqual(['polska']);
  });
});

describe('toVariableMeta', () => {
  it('makes SMUP metadata of the recorded variable 10', () => {
    expect(toVariableMeta({ variable: councillorsByAge, subjects: chain })).toEqual({
      id: 'bdl:10',
      sourceId: 'bdl',
      sourceCode: '10',
      name: 'Gmina councillors by sex and age — ogółem, 25-29',
      nameEn: null,
      subjectPath: 'WYBORY > Radni > Gmina councillors by sex and age',
      measureUnit: 'osoba',
      levels: ['gmina', 'powiat', 'wojewodztwo', 'polska'],
      metadata: {
        bdlLevel: 6,
        subjectId: 'P1313',
        measureUnitId: 26,
        dimensions: ['ogółem', '25-29'],
        years: Array.from({ length: 30 }, (_, i) => 1995 + i), // 1995–2024 as recorded
      },
    });
  });
  it('takes the measure name given when the variable has none, and the English name', () => {
    const { measureUnitName: _omitted, ...bare } = councillorsByAge;
    const meta = toVariableMeta({
      variable: bare,
      subjects: chain,
      measureName: 'osoba',
      english: { variable: { ...bare, n1: 'total' }, subjects: chain },
    });
    expect(meta.measureUnit).toBe('osoba');
    expect(meta.nameEn).toBe('Gmina councillors by sex and age — total, 25-29');
  });
});
