import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWecomXml, toWecomXml } from './xml.js';

describe('WeCom XML', () => {
  it('reads CDATA, plain text and entities of the flat <xml> document', () => {
    const xml = `<?xml version="1.0"?>\n<xml><ToUserName><![CDATA[wx58]]></ToUserName>\n<CreateTime>1409659813</CreateTime>
      <Content>a &lt; b &amp; c</Content><Empty></Empty></xml>`;
    expect(parseWecomXml(xml)).toEqual({
      ToUserName: 'wx58',
      CreateTime: '1409659813',
      Content: 'a < b & c',
      Empty: '',
    });
  });

  it('refuses DOCTYPE/ENTITY, a missing root and nested elements', () => {
    expect(() => parseWecomXml('<!DOCTYPE x [<!ENTITY e "x">]><xml><A>&e;</A></xml>')).toThrow(
      /DOCTYPE and ENTITY/,
    );
    expect(() => parseWecomXml('<root><A>1</A></root>')).toThrow(/root <xml> element/);
    expect(() => parseWecomXml('<xml><A><B>1</B></A></xml>')).toThrow(/unexpected content/);
  });

  it('writes what it reads back, including "]]>" inside a value (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 80 }).filter((s) => !s.includes('\uFEFF')),
        fc.nat(),
        (content, n) => {
          const xml = toWecomXml({ MsgType: 'text', Content: content, CreateTime: n });
          expect(parseWecomXml(xml)).toEqual({ MsgType: 'text', Content: content, CreateTime: String(n) });
        },
      ),
    );
  });
});
