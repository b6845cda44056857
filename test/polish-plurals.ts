/**
 * Number + noun agreement in rendered Polish text (issue 16, point 5), checked independently of the
 * portal's own helpers: for each noun of a list, every "<number> <form>" in the text must use the form
 * Polish grammar asks for — 1: one; 2–4, 22–24, … (not 12–14): few; other integers: many; a fraction: the
 * genitive singular ("2,5 osoby", and "19,0 osoby": decimals read as a fraction).
 */
const NOUNS: ReadonlyArray<{ one: string; few: string; many: string; fraction: string }> = [
  { one: 'osoba', few: 'osoby', many: 'osób', fraction: 'osoby' },
  { one: 'jednostka', few: 'jednostki', many: 'jednostek', fraction: 'jednostki' },
  { one: 'wskaźnik', few: 'wskaźniki', many: 'wskaźników', fraction: 'wskaźnika' },
  { one: 'mieszkaniec', few: 'mieszkańców', many: 'mieszkańców', fraction: 'mieszkańca' },
  { one: 'gmina', few: 'gminy', many: 'gmin', fraction: 'gminy' },
  { one: 'miejsce', few: 'miejsca', many: 'miejsc', fraction: 'miejsca' },
];

function expectedForm(number: string, noun: (typeof NOUNS)[number]): string {
  if (number.includes(',')) return noun.fraction;
  const n = Number(number.replace(/[\s\u00a0\u202f]/g, ''));
  if (n === 1) return noun.one;
  const last = n % 10;
  const lastTwo = n % 100;
  return last >= 2 && last <= 4 && !(lastTwo >= 12 && lastTwo <= 14) ? noun.few : noun.many;
}

/**
 * The page's visible text: tags dropped, entities of spaces decoded, whitespace runs joined. Charts (SVG)
 * are left out: an axis's last tick and its title are separate labels, not a number with its noun.
 */
export function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>|<title>[\s\S]*?<\/title>/g, ' ')
    .replace(/<svg[\s\S]*?<\/svg>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;|&#160;/g, '\u00a0')
    .replace(/[ \t\r\n]+/g, ' ');
}

/** Every "<number> <noun form>" that disagrees, as "779 115 osoby (expected osób)". */
export function agreementErrors(text: string): string[] {
  const errors: string[] = [];
  const forms = [...new Set(NOUNS.flatMap((n) => [n.one, n.few, n.many, n.fraction]))].sort(
    (a, b) => b.length - a.length,
  );
  const pattern = new RegExp(
    `(?<![\\d,.\\-–])(\\d{1,3}(?:[\\u00a0\\u202f ]\\d{3})+|\\d+)(,\\d+)? (${forms.join('|')})(?![\\p{L}])`,
    'gu',
  );
  for (const match of text.matchAll(pattern)) {
    const [whole, integer = '', fraction = '', word = ''] = match;
    for (const noun of NOUNS.filter((n) => [n.one, n.few, n.many, n.fraction].includes(word))) {
      const expected = expectedForm(integer + fraction, noun);
      // A word shared by two forms of one noun (mieszkańców: few and many) is right if either fits.
      if (word !== expected && !(noun.few === noun.many && word === noun.few && expected === noun.many)) {
        errors.push(`${whole.trim()} (expected ${expected})`);
      }
    }
  }
  return errors;
}
