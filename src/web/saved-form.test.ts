import { describe, expect, it } from 'vitest';
import { kindOf, settingsFromForm } from './saved-form.js';

describe('settingsFromForm', () => {
  it('reads lists as repeated fields or codes separated by commas and spaces', () => {
    const form = new URLSearchParams('jst=1261011, 1219053&jst=1219043&wsk=kontekst.ludnosc&lata=2015-2019');
    expect(settingsFromForm('compare', form)).toEqual({
      units: ['1261011', '1219053', '1219043'],
      indicators: ['kontekst.ludnosc'],
      years: '2015-2019',
    });
    expect(settingsFromForm('set', form)).toEqual({ units: ['1261011', '1219053', '1219043'] });
  });

  it('leaves a report’s empty fields to the API’s defaults and passes a typed year as it is', () => {
    const settings = settingsFromForm('report', new URLSearchParams('jednostka=1219053&rok=dwa&obszary='));
    // JSON drops the undefined fields: against, format and lang take the API's defaults.
    expect(JSON.parse(JSON.stringify(settings))).toEqual({ unit: '1219053', year: 'dwa', areas: [] });
  });
});

describe('kindOf', () => {
  it('knows the three kinds only', () => {
    expect(['set', 'compare', 'report', 'map', null].map(kindOf)).toEqual([
      'set',
      'compare',
      'report',
      null,
      null,
    ]);
  });
});
