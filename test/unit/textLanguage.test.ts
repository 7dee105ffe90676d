import * as assert from 'node:assert/strict';
import { chooseText, textLanguageFor } from '../../src/util/textLanguage';

// The one rule for Altinn's texts (app titles, data type names) in every picker and row (issue 14).
describe('The language of Altinn texts (src/util/textLanguage.ts)', () => {
  it('is Bokmål for a Norwegian editor and English for any other', () => {
    assert.equal(textLanguageFor('nb'), 'nb');
    assert.equal(textLanguageFor('nn'), 'nb', 'the extension speaks Bokmål, not Nynorsk');
    assert.equal(textLanguageFor('no'), 'nb');
    assert.equal(textLanguageFor('nb-NO'), 'nb');
    assert.equal(textLanguageFor('en'), 'en');
    assert.equal(textLanguageFor('en-gb'), 'en');
    assert.equal(textLanguageFor('de'), 'en', 'a language the extension does not speak gives English, as its own strings do');
  });

  it('takes the text in that language, then nb, then en, else none (the id is shown)', () => {
    const both = { nb: 'Byggesøknad', en: 'Building permit' };
    assert.equal(chooseText(both, 'en'), 'Building permit');
    assert.equal(chooseText(both, 'nb'), 'Byggesøknad');
    assert.equal(chooseText({ nn: 'Byggjesøknad', nb: 'Byggesøknad' }, 'en'), 'Byggesøknad', 'nb before a language nobody asked for');
    assert.equal(chooseText({ en: 'Building permit' }, 'nb'), 'Building permit');
    assert.equal(chooseText({ nb: '  ', en: 'Building permit' }, 'nb'), 'Building permit', 'a blank text is no text');
    assert.equal(chooseText({ se: 'Huksenlohpi' }, 'nb'), undefined);
    assert.equal(chooseText(undefined, 'en'), undefined);
  });
});
