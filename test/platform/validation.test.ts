import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  datePartsFrom,
  datePartsOf,
  isEmail,
  isKatakana,
  isoDateFromParts,
  normaliseEmail,
  normalisePhone,
  normalisePostalCode,
  normaliseSpaces,
  toHalfWidthDigits,
  toKatakana,
} from '../../src/platform/validation.ts';

describe('toHalfWidthDigits', () => {
  test('full-width digits become ASCII', () => {
    assert.equal(toHalfWidthDigits('０１２３４５６７８９'), '0123456789');
    assert.equal(toHalfWidthDigits('２０２５年５月'), '2025年5月');
  });

  test('the hyphens Japanese keyboards type become ASCII hyphens', () => {
    assert.equal(toHalfWidthDigits('０３－１２３４−５６７８'), '03-1234-5678');
    assert.equal(toHalfWidthDigits('123‐4567'), '123-4567');
    assert.equal(toHalfWidthDigits('123―4567'), '123-4567');
    assert.equal(toHalfWidthDigits('123ー4567'), '123-4567');
  });

  test('leaves ASCII and other text alone', () => {
    assert.equal(toHalfWidthDigits('abc-123'), 'abc-123');
    assert.equal(toHalfWidthDigits('東京都'), '東京都');
    assert.equal(toHalfWidthDigits(''), '');
  });
});

describe('normaliseSpaces', () => {
  test('collapses runs of ASCII and ideographic spaces and trims', () => {
    assert.equal(normaliseSpaces('  山田　　太郎  '), '山田 太郎');
    assert.equal(normaliseSpaces('山田\t\n太郎'), '山田 太郎');
    assert.equal(normaliseSpaces('　ヤマダ　タロウ　'), 'ヤマダ タロウ');
  });

  test('undefined becomes the empty string', () => {
    assert.equal(normaliseSpaces(undefined), '');
    assert.equal(normaliseSpaces('   '), '');
  });
});

describe('toKatakana and isKatakana', () => {
  test('hiragana become katakana; katakana and other characters stay', () => {
    assert.equal(toKatakana('やまだ たろう'), 'ヤマダ タロウ');
    assert.equal(toKatakana('ぁぃぅゔゕゖ'), 'ァィゥヴヵヶ');
    assert.equal(toKatakana('ヤマダ'), 'ヤマダ');
    assert.equal(toKatakana('山田abc'), '山田abc');
  });

  test('katakana with the prolonged sound mark, middle dot and spaces is accepted', () => {
    assert.equal(isKatakana('ヤマダ タロウ'), true);
    assert.equal(isKatakana('スミス・ジョーンズ'), true);
    assert.equal(isKatakana('ヴァレンタイン'), true);
  });

  test('hiragana, kanji, Latin letters, digits and the empty string are refused', () => {
    assert.equal(isKatakana('やまだ'), false);
    assert.equal(isKatakana('山田'), false);
    assert.equal(isKatakana('YAMADA'), false);
    assert.equal(isKatakana('ヤマダ1'), false);
    assert.equal(isKatakana('ﾔﾏﾀﾞ'), false); // half-width katakana
    assert.equal(isKatakana(''), false);
    // An ideographic space must be normalised first.
    assert.equal(isKatakana('ヤマダ　タロウ'), false);
    assert.equal(isKatakana(normaliseSpaces('ヤマダ　タロウ')), true);
  });

  test('a guardian who types hiragana passes after conversion', () => {
    assert.equal(isKatakana(toKatakana(normaliseSpaces('やまだ　たろう'))), true);
  });
});

describe('normalisePostalCode', () => {
  test('seven digits, with or without a hyphen, become 123-4567', () => {
    assert.equal(normalisePostalCode('9470000'), '947-0000');
    assert.equal(normalisePostalCode('947-0000'), '947-0000');
    assert.equal(normalisePostalCode('９４７－００００'), '947-0000');
    assert.equal(normalisePostalCode('９４７ー００００'), '947-0000');
    assert.equal(normalisePostalCode(' 947 0000 '), '947-0000');
  });

  test('anything else is not a postal code', () => {
    assert.equal(normalisePostalCode('947000'), undefined);
    assert.equal(normalisePostalCode('94700000'), undefined);
    assert.equal(normalisePostalCode('947-000a'), undefined);
    assert.equal(normalisePostalCode('〒947-0000'), undefined);
    assert.equal(normalisePostalCode(''), undefined);
  });
});

describe('normalisePhone', () => {
  test('10 or 11 digits starting with 0, hyphens kept', () => {
    assert.equal(normalisePhone('0258-83-3500'), '0258-83-3500');
    assert.equal(normalisePhone('0258833500'), '0258833500');
    assert.equal(normalisePhone('090-1234-5678'), '090-1234-5678');
    assert.equal(normalisePhone('09012345678'), '09012345678');
  });

  test('full-width digits, hyphens, spaces and brackets are accepted', () => {
    assert.equal(normalisePhone('０９０－１２３４－５６７８'), '090-1234-5678');
    assert.equal(normalisePhone('090 1234 5678'), '09012345678');
    assert.equal(normalisePhone('0258(83)3500'), '0258833500');
    assert.equal(normalisePhone('０２５８（８３）３５００'), '0258833500');
  });

  test('wrong lengths, a missing leading 0 and letters are refused', () => {
    assert.equal(normalisePhone('025883350'), undefined); // 9 digits
    assert.equal(normalisePhone('090123456789'), undefined); // 12 digits
    assert.equal(normalisePhone('1258833500'), undefined);
    assert.equal(normalisePhone('+81-90-1234-5678'), undefined);
    assert.equal(normalisePhone('090-1234-567a'), undefined);
    assert.equal(normalisePhone(''), undefined);
  });
});

describe('isEmail and normaliseEmail', () => {
  test('ordinary addresses pass', () => {
    assert.equal(isEmail('taro@example.jp'), true);
    assert.equal(isEmail('taro.yamada+tsuen@mail.example.co.jp'), true);
  });

  test('addresses without @, domain dot, or with spaces fail', () => {
    assert.equal(isEmail('taro'), false);
    assert.equal(isEmail('taro@example'), false);
    assert.equal(isEmail('@example.jp'), false);
    assert.equal(isEmail('taro@@example.jp'), false);
    assert.equal(isEmail('taro yamada@example.jp'), false);
    assert.equal(isEmail(''), false);
  });

  test('more than 254 characters fail', () => {
    const domain = '@example.jp';
    assert.equal(isEmail(`${'a'.repeat(254 - domain.length)}${domain}`), true);
    assert.equal(isEmail(`${'a'.repeat(255 - domain.length)}${domain}`), false);
  });

  test('normaliseEmail trims, lower-cases and turns a full-width @ and digits into ASCII', () => {
    assert.equal(normaliseEmail('  Taro@Example.JP '), 'taro@example.jp');
    assert.equal(normaliseEmail('taro１２３＠example.jp'), 'taro123@example.jp');
    assert.equal(normaliseEmail(undefined), '');
  });
});

describe('dates from form fields', () => {
  test('datePartsFrom reads name.year/.month/.day, trimmed, with full-width digits converted', () => {
    const body = { 'birth.year': ' ２０２５ ', 'birth.month': '５', 'birth.day': '20', other: 'x' };
    assert.deepEqual(datePartsFrom(body, 'birth'), { year: '2025', month: '5', day: '20' });
    assert.deepEqual(datePartsFrom({}, 'birth'), { year: '', month: '', day: '' });
  });

  test('datePartsOf splits an ISO date without leading zeros on month and day', () => {
    assert.deepEqual(datePartsOf('2025-05-09'), { year: '2025', month: '5', day: '9' });
    assert.deepEqual(datePartsOf('2024-12-31'), { year: '2024', month: '12', day: '31' });
  });

  test('isoDateFromParts accepts real calendar dates', () => {
    assert.equal(isoDateFromParts({ year: '2025', month: '5', day: '9' }), '2025-05-09');
    assert.equal(isoDateFromParts({ year: '2025', month: '05', day: '09' }), '2025-05-09');
    assert.equal(isoDateFromParts({ year: '2024', month: '2', day: '29' }), '2024-02-29');
    assert.equal(isoDateFromParts({ year: '2000', month: '2', day: '29' }), '2000-02-29');
  });

  test('isoDateFromParts refuses impossible dates and malformed parts', () => {
    assert.equal(isoDateFromParts({ year: '2025', month: '2', day: '29' }), undefined);
    assert.equal(isoDateFromParts({ year: '1900', month: '2', day: '29' }), undefined);
    assert.equal(isoDateFromParts({ year: '2025', month: '4', day: '31' }), undefined);
    assert.equal(isoDateFromParts({ year: '2025', month: '13', day: '1' }), undefined);
    assert.equal(isoDateFromParts({ year: '2025', month: '0', day: '1' }), undefined);
    assert.equal(isoDateFromParts({ year: '2025', month: '1', day: '0' }), undefined);
    assert.equal(isoDateFromParts({ year: '25', month: '1', day: '1' }), undefined);
    assert.equal(isoDateFromParts({ year: '0099', month: '1', day: '1' }), undefined);
    assert.equal(isoDateFromParts({ year: '2025', month: '1', day: '' }), undefined);
    assert.equal(isoDateFromParts({ year: '2025', month: '1.5', day: '1' }), undefined);
    assert.equal(isoDateFromParts({ year: '2025', month: '-1', day: '1' }), undefined);
    assert.equal(isoDateFromParts({ year: '２０２５', month: '1', day: '1' }), undefined); // convert first
  });

  test('a round trip through the form', () => {
    for (const date of ['2025-01-01', '2024-02-29', '2026-12-31']) {
      assert.equal(isoDateFromParts(datePartsOf(date)), date);
    }
  });
});
