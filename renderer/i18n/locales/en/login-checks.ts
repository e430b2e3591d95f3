export const loginChecks = {
  userCharset: 'The user name contains a character TwinCAT cannot receive: use Western European (Windows-1252) characters only.',
  passwordCharset: 'The password contains a character TwinCAT cannot receive: use Western European (Windows-1252) characters only.',
  weakPsk:
    'A weak PSK password: whoever records one connection can try passwords offline, because the PSK suites have no forward secrecy. Use a long random password, or the key itself as 64 hex digits (configure the same key on the target).',
  useRandomKey: 'Use a random key',
} as const;
