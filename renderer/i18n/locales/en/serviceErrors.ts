/**
 * A failed request to the services, by its code, in the user's language. The services' own English text is shown
 * below it as the details (marked as English), so a support request still carries the original wording.
 */
export const serviceErrors = {
  details: 'Details:',
  code: {
    internal: 'Something went wrong inside ADS Route Studio',
    transport: 'The ADS Route Studio services cannot be reached',
    'unknown-channel': 'The services do not know this request; the app and its services are of different versions',
    'invalid-request': 'The services refused an entry',
    'invalid-response': 'The services sent an answer the app cannot read',
    'invalid-input': 'An entry cannot be used',
    'write-failed': 'A file could not be written',
    'file-refused': 'This file or folder cannot be used',
    'certificate-malformed': 'The file is not a readable certificate',
    'certificate-not-found': 'The certificate was not found',
    'invalid-name': 'This name cannot be used',
    'key-password-required': 'The private key is encrypted: enter its password',
    'key-bad-password': 'The key password is wrong',
    'key-malformed': 'The file is not a readable private key',
    'ca-exists': 'A plant CA exists already',
    'ca-missing': 'There is no plant CA yet: create or load one first',
    'ca-bad-password': 'The CA password is wrong',
    'ca-invalid': 'This certificate and key are not a usable CA',
    other: 'The services reported an error',
  },
} as const;
