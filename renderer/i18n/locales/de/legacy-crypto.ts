import type { Catalog } from '../../catalog';
import type { legacyCrypto as en } from '../en/legacy-crypto';

export const legacyCrypto = {
  allow: 'Veraltete Kryptografie zulassen (alte Zielsysteme: 1024-Bit-RSA-Schlüssel, nicht standardisierte DH-Gruppen)',
  warning:
    'Schwächere Schlüssel kann ein Angreifer mit Zeit und Rechenleistung brechen. Nur für ein Zielsystem verwenden, das nichts Stärkeres anbietet.',
} satisfies Catalog<typeof en>;
