import type { Catalog } from '../../catalog';
import type { loginChecks as en } from '../en/login-checks';

export const loginChecks = {
  userCharset:
    'Der Benutzername enthält ein Zeichen, das TwinCAT nicht empfangen kann: nur westeuropäische Zeichen (Windows-1252) verwenden.',
  passwordCharset:
    'Das Passwort enthält ein Zeichen, das TwinCAT nicht empfangen kann: nur westeuropäische Zeichen (Windows-1252) verwenden.',
  weakPsk:
    'Schwaches PSK-Passwort: Wer eine Verbindung mitschneidet, kann Passwörter offline durchprobieren, denn die PSK-Verfahren haben keine Forward Secrecy. Ein langes Zufallspasswort verwenden oder den Schlüssel selbst als 64 Hex-Ziffern (denselben Schlüssel auf dem Zielsystem eintragen).',
  useRandomKey: 'Zufälligen Schlüssel verwenden',
} satisfies Catalog<typeof en>;
