import { isWindows1252 } from '../protocol/windows1252';

/**
 * TwinCAT receives an OS user name and password as Windows-1252 text. One that cannot be written so is refused before
 * anything is sent, and the message names the field only: no character, code point or position of a secret.
 */
export function osLoginTextField(user: string, password: string): 'user' | 'password' | null {
  if (!isWindows1252(user)) return 'user';
  if (!isWindows1252(password)) return 'password';
  return null;
}

/** The CLI's and the services' English sentence for osLoginTextField. */
export function osLoginTextProblem(user: string, password: string): string | null {
  const field = osLoginTextField(user, password);
  if (field === null) return null;
  return `The ${field === 'user' ? 'user name' : 'password'} contains a character TwinCAT cannot receive: use Western European (Windows-1252) characters only.`;
}
