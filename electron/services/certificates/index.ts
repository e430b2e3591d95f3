export { CertificateError, type CertificateErrorCode } from './certificate-error';
export { certificateDer, derToPem, pemCertificates } from './der';
export { describeCertificate, fingerprintOfCertificate, type CertificateDescription } from './inspect';
export { loadCertificateFile, loadPrivateKeyFile, type LoadedCertificate } from './load-files';
export {
  createSelfSignedCertificate,
  issueCertificate,
  SSC_NOT_AFTER,
  SSC_NOT_BEFORE,
  type GeneratedCertificate,
  type IssueOptions,
  type SelfSignedOptions,
} from './self-signed';
export { verifyChain, type ChainFailure, type ChainVerdict } from './verify-chain';
