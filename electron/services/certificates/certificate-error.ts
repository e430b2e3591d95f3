import { TypedError } from '../../../shared/typed-error';

export type CertificateErrorCode =
  | 'certificate-not-found'
  | 'certificate-malformed'
  | 'key-malformed'
  | 'key-password-required'
  | 'key-bad-password'
  | 'key-unsupported'
  | 'file-refused'
  | 'ca-missing'
  | 'ca-invalid'
  | 'ca-exists'
  | 'ca-bad-password'
  | 'invalid-name'
  | 'not-confirmed';

/** A certificate or key problem; messages name the file or field, never key material or passwords. */
export class CertificateError extends TypedError {
  constructor(
    override readonly code: CertificateErrorCode,
    message: string,
  ) {
    super(code, message);
    this.name = 'CertificateError';
  }
}
