import { describe, expect, it } from 'vitest';
import { osLoginTextProblem } from './login-text';

describe('osLoginTextProblem', () => {
  it('accepts Windows-1252 text, typographic characters included', () => {
    expect(osLoginTextProblem('Administrator', '1')).toBeNull();
    expect(osLoginTextProblem('Jürgen', 'Grüße€„“…')).toBeNull();
  });

  it('refuses a password or user name outside Windows-1252 without quoting any of its characters', () => {
    for (const password of ['pass😀word', 'пароль', '密码', 'a\u0100b']) {
      const problem = osLoginTextProblem('Administrator', password);
      expect(problem).toMatch(/^The password contains a character TwinCAT cannot receive/);
      for (const char of password) {
        if (char.codePointAt(0)! > 0x7f) expect(problem).not.toContain(char);
        expect(problem).not.toContain(char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0'));
      }
    }
    expect(osLoginTextProblem('Админ', '1')).toMatch(/^The user name contains/);
  });
});
