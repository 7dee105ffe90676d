// Which field a refused form data save is about (src/fs/refusedField.ts), from Altinn's 400 and the text sent.
import * as assert from 'node:assert/strict';
import { refusedXmlField } from '../../src/fs/refusedField';

// Altinn/app-lib-dotnet test/Altinn.App.Api.Tests/Controllers/InstancesController_PostNewInstanceTests.cs
// PostNewInstanceWithInvalidData_EnsureInvalidResponse: the document sent and the Detail Altinn answered.
const appLibSample =
  '<?xml version="1.0" encoding="utf-8"?><Skjema xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><melding><name>Per Olsen</name><random>afdetsd</random><tags>ddd</tags><toggle>invalid boolean</toggle></melding></Skjema>';
const appLibDetail = "There is an error in XML document (1, 251). The string 'invalid boolean' is not a valid Boolean value.";

describe('refusedXmlField', () => {
  it("names the element of app-lib's own sample: the value's element, not the node the position points at", () => {
    assert.equal(appLibSample.slice(248, 258), '</melding>', 'column 251 is inside the end tag after <toggle>');
    assert.equal(refusedXmlField(appLibSample, appLibDetail), 'toggle');
  });

  it('picks, among elements holding the value, the last one that ends before the position (pretty-printed)', () => {
    const text = '<?xml version="1.0"?>\n<BuildingPermit>\n  <floors>lots</floors>\n  <areaSquareMeters>lots</areaSquareMeters>\n  <applicant>Ola</applicant>\n</BuildingPermit>';
    // The reader stops at the name of the next element: line 5, column 4 (`applicant`).
    assert.equal(refusedXmlField(text, "There is an error in XML document (5, 4). The input string 'lots' was not in a correct format."), 'areaSquareMeters');
    assert.equal(refusedXmlField(text, "There is an error in XML document (4, 4). The input string 'lots' was not in a correct format."), 'floors');
  });

  it('without a usable position, names the one element holding the quoted value', () => {
    const oneLine = '<BuildingPermit><applicant>Ola</applicant><areaSquareMeters>lots</areaSquareMeters></BuildingPermit>';
    assert.equal(refusedXmlField(oneLine, "The input string 'lots' was not in a correct format."), 'areaSquareMeters', '.NET 8 wording');
    assert.equal(refusedXmlField(oneLine, "There is an error in XML document (9, 1). The string 'lots' is not a valid Decimal value."), 'areaSquareMeters', 'a position past the end');
  });

  it('names nothing when the value is held by several elements without a position, or the message quotes no value', () => {
    const twice = '<BuildingPermit><applicant>lots</applicant><areaSquareMeters>lots</areaSquareMeters></BuildingPermit>';
    assert.equal(refusedXmlField(twice, "The input string 'lots' was not in a correct format."), undefined);
    assert.equal(refusedXmlField(twice, 'There is an error in XML document (1, 1). Data at the root level is invalid. Line 1, position 1.'), undefined);
    assert.equal(refusedXmlField(twice, 'InstanceOwner is missing'), undefined);
  });
});
