// Which field a refused form data save is about (src/fs/refusedField.ts), from Altinn's 400 and the text sent.
import * as assert from 'node:assert/strict';
import { refusedXmlField } from '../../src/fs/refusedField';

const oneLine = '<?xml version="1.0" encoding="utf-8"?><BuildingPermit xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><applicant>Ola</applicant><areaSquareMeters>lots</areaSquareMeters></BuildingPermit>';

describe('refusedXmlField', () => {
  it('follows the (line, column) of app-lib’s XML binding error to the element there', () => {
    // ModelDeserializer.cs: "{InvalidOperationException.Message} {InnerException.Message}".
    const column = oneLine.indexOf('lots') + 1;
    const message = `There is an error in XML document (1, ${column}). The string 'lots' is not a valid Decimal value.`;
    assert.equal(refusedXmlField(oneLine, message), 'areaSquareMeters');
    const startTag = oneLine.indexOf('<areaSquareMeters>') + 2;
    assert.equal(refusedXmlField(oneLine, `There is an error in XML document (1, ${startTag}).`), 'areaSquareMeters', 'a position on the start tag');
  });

  it('counts lines in a pretty-printed document', () => {
    const text = '<?xml version="1.0"?>\n<BuildingPermit>\n  <applicant>Ola</applicant>\n  <areaSquareMeters>lots</areaSquareMeters>\n</BuildingPermit>';
    assert.equal(refusedXmlField(text, 'There is an error in XML document (4, 21).'), 'areaSquareMeters');
    assert.equal(refusedXmlField(text, 'There is an error in XML document (3, 14).'), 'applicant');
  });

  it('without a position, names the one element holding the quoted value', () => {
    assert.equal(refusedXmlField(oneLine, "There is an error in XML document: 'lots' is not a valid decimal."), 'areaSquareMeters');
    assert.equal(refusedXmlField(oneLine, "The input string 'lots' was not in a correct format."), 'areaSquareMeters', '.NET 8 wording');
  });

  it('names nothing when the value is held by several elements, or the message tells nothing', () => {
    const twice = oneLine.replace('<applicant>Ola</applicant>', '<applicant>lots</applicant>');
    assert.equal(refusedXmlField(twice, "'lots' is not a valid decimal."), undefined);
    assert.equal(refusedXmlField(oneLine, 'InstanceOwner is missing'), undefined);
    assert.equal(refusedXmlField(oneLine, 'There is an error in XML document (9, 1).'), undefined, 'a position past the end');
  });
});
