import * as assert from 'node:assert/strict';
import { fieldSpan } from '../../src/commands/fieldPosition';

function named(text: string, field: string, format: 'xml' | 'json'): string | undefined {
  const span = fieldSpan(text, field, format);
  return span && `${span.start}:${text.slice(span.start, span.end)}`;
}

describe('fieldSpan: a validation issue field in form data', () => {
  const xml = '<?xml version="1.0"?>\n<BuildingPermit>\n  <applicant />\n  <address>Storgata 1</address>\n</BuildingPermit>';

  it('finds a top-level XML element, empty or not', () => {
    assert.equal(named(xml, 'applicant', 'xml'), `${xml.indexOf('applicant')}:applicant`);
    assert.equal(named(xml, 'address', 'xml'), `${xml.indexOf('address')}:address`);
  });

  it('follows a dotted path and an index through nested XML, ignoring case and namespace prefixes', () => {
    const nested = '<M><owner><Name>a</Name></owner><people><person><name>x</name></person><person><ns:name>y</ns:name></person></people></M>';
    assert.equal(named(nested, 'owner.name', 'xml'), `${nested.indexOf('Name')}:Name`);
    const second = nested.indexOf('ns:name') + 3;
    assert.equal(named(nested, 'people.person[1].name', 'xml'), `${second}:name`);
  });

  it('does not take an element whose name only starts with the field', () => {
    const text = '<M><applicantName>a</applicantName><applicant>b</applicant></M>';
    assert.equal(named(text, 'applicant', 'xml'), `${text.indexOf('<applicant>') + 1}:applicant`);
  });

  it('finds a JSON property key, following a dotted path', () => {
    const json = '{\n  "owner": { "name": "a" },\n  "name": "b"\n}';
    assert.equal(named(json, 'owner.name', 'json'), `${json.indexOf('"name"') + 1}:name`);
  });

  it('is undefined for a field the text does not have', () => {
    assert.equal(fieldSpan(xml, 'nothere', 'xml'), undefined);
    assert.equal(fieldSpan('{}', 'a.b', 'json'), undefined);
  });
});
