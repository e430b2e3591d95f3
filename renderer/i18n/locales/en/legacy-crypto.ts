export const legacyCrypto = {
  allow: 'Allow legacy crypto (old targets: 1024-bit RSA keys, non-standard DH groups)',
  warning:
    'Weaker keys can be broken by an attacker with time and computing power. Use this only for a target that offers nothing stronger.',
} as const;
