import { isWindows1252 } from '../protocol/windows1252';

/**
 * TwinCAT receives an OS user name and password as Windows-1252 text. One that cannot be written so is refused before
 * anything is sent, and the message names the field only: no character, code point or position of a secret.
 */
export function osLoginTextProblem(user: string, password: string): string | null {
  if (!isWindows1252(user)) return 'The user name contains a character TwinCAT cannot receive: use Western European (Windows-1252) characters only.';
  if (!isWindows1252(password)) return 'The password contains a character TwinCAT cannot receive: use Western European (Windows-1252) characters only.';
  return null;
}
