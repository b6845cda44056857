/**
 * A number with its unit of measure, in agreement ("779 115 osób", "2,5 osoby"): the rules live in the
 * domain (domain/measure-unit-agreement.ts) so the reports write units as the portal does; the portal's
 * pages keep importing them from here.
 */
export { unitFor, unitText, withUnit } from '../domain/measure-unit-agreement.js';
