import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, characterKinds, passwordProblem } from '../../src/accounts/rules.ts';

const EMAIL = 'taro@example.jp';

describe('characterKinds', () => {
  test('counts upper case, lower case, digits and symbols', () => {
    assert.equal(characterKinds(''), 0);
    assert.equal(characterKinds('abc'), 1);
    assert.equal(characterKinds('ABC'), 1);
    assert.equal(characterKinds('123'), 1);
    assert.equal(characterKinds('!?#'), 1);
    assert.equal(characterKinds('abcABC'), 2);
    assert.equal(characterKinds('abcABC123'), 3);
    assert.equal(characterKinds('abcABC123!'), 4);
  });

  test('spaces and Japanese characters count as symbols', () => {
    assert.equal(characterKinds('a b'), 2);
    assert.equal(characterKinds('あ'), 1);
    assert.equal(characterKinds('パスワード'), 1);
    assert.equal(characterKinds('password山'), 2);
    assert.equal(characterKinds('Password山'), 3);
  });
});

describe('passwordProblem', () => {
  test('the limits are 10 and 128', () => {
    assert.equal(MIN_PASSWORD_LENGTH, 10);
    assert.equal(MAX_PASSWORD_LENGTH, 128);
  });

  test('exactly 9 characters are too short, 10 are enough', () => {
    assert.equal(passwordProblem('Abcdefg1!', EMAIL, 'ja'), 'パスワードは10文字以上で入力してください');
    assert.equal(passwordProblem('Abcdefgh1!', EMAIL, 'ja'), undefined);
    assert.equal(passwordProblem('Abcdefg12', EMAIL, 'en'), 'Use at least 10 characters');
    assert.equal(passwordProblem('Abcdefg123', EMAIL, 'en'), undefined);
  });

  test('128 characters are allowed, 129 are too long', () => {
    const base = 'Aa1';
    assert.equal(passwordProblem(base + 'x'.repeat(125), EMAIL, 'ja'), undefined);
    assert.equal(passwordProblem(base + 'x'.repeat(126), EMAIL, 'ja'), 'パスワードは128文字以内で入力してください');
    assert.equal(passwordProblem(base + 'x'.repeat(126), EMAIL, 'en'), 'Use at most 128 characters');
  });

  test('two kinds are refused, naming how many there are', () => {
    assert.equal(passwordProblem('abcdefghij', EMAIL, 'ja'), '大文字・小文字・数字・記号のうち3種類以上を含めてください（いまは1種類です）');
    assert.equal(passwordProblem('abcdefghi1', EMAIL, 'ja'), '大文字・小文字・数字・記号のうち3種類以上を含めてください（いまは2種類です）');
    assert.equal(passwordProblem('ABCDEFGHIJ', EMAIL, 'en'), 'Use at least 3 of: upper case, lower case, digits, symbols (it has 1 now)');
    assert.equal(passwordProblem('1234567890', EMAIL, 'en'), 'Use at least 3 of: upper case, lower case, digits, symbols (it has 1 now)');
    assert.equal(passwordProblem('ABCDEFGHI!', EMAIL, 'en'), 'Use at least 3 of: upper case, lower case, digits, symbols (it has 2 now)');
  });

  test('any three kinds are accepted', () => {
    assert.equal(passwordProblem('abcdefgh1A', EMAIL, 'ja'), undefined); // lower, digit, upper
    assert.equal(passwordProblem('abcdefgh1!', EMAIL, 'ja'), undefined); // lower, digit, symbol
    assert.equal(passwordProblem('ABCDEFGH1!', EMAIL, 'ja'), undefined); // upper, digit, symbol
    assert.equal(passwordProblem('ABCDEFGHa!', EMAIL, 'ja'), undefined); // upper, lower, symbol
  });

  test('Japanese characters count as symbols', () => {
    assert.equal(passwordProblem('passwordさくら1', EMAIL, 'ja'), undefined);
    assert.equal(passwordProblem('さくらさくらさくらさ', EMAIL, 'ja'), '大文字・小文字・数字・記号のうち3種類以上を含めてください（いまは1種類です）');
    assert.equal(passwordProblem('さくら1234567', EMAIL, 'ja'), '大文字・小文字・数字・記号のうち3種類以上を含めてください（いまは2種類です）');
  });

  test('the e-mail address itself is refused, whatever its case', () => {
    const email = 'Taro.Yamada1@Example.jp';
    assert.equal(passwordProblem('Taro.Yamada1@Example.jp', email, 'ja'), 'メールアドレスと同じパスワードは使えません');
    assert.equal(passwordProblem('taro.yamada1@example.jp', 'TARO.YAMADA1@EXAMPLE.JP', 'en'), 'Your password cannot be your e-mail address');
    assert.equal(passwordProblem('TARO.YAMADA1@EXAMPLE.JP', 'taro.yamada1@example.jp', 'en'), 'Your password cannot be your e-mail address');
    // Something else is fine.
    assert.equal(passwordProblem('Taro.Yamada1@Example.j', email, 'ja'), undefined);
  });

  test('length is checked before kinds', () => {
    assert.equal(passwordProblem('abc', EMAIL, 'en'), 'Use at least 10 characters');
    assert.equal(passwordProblem('', EMAIL, 'en'), 'Use at least 10 characters');
  });
});
