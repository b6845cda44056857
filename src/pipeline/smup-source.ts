/** SMUP's own computations (sums up the register, indicators) as a source of their own. */
import type { DataSource } from '../domain/observations/observation.js';

export const SMUP_SOURCE: DataSource = {
  id: 'smup',
  name: 'SMUP — obliczenia własne',
  citation: 'Obliczenia własne SMUP na podstawie danych źródłowych (zob. źródła zmiennych wskaźnika)',
  licence: 'CC BY 4.0',
  url: null,
};
