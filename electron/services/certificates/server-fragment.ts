/** Where TwinCAT 3.1 (4024) keeps CA files on Windows, as in the TE1000 CA sample. */
export const DEFAULT_INSTALL_DIR = 'C:\\TwinCAT\\3.1\\Target\\CACerts';

export interface ServerFragmentOptions {
  /** Folder on the target that will hold the three files; its separator style (\ or /) is kept. */
  installDir: string;
  certFile: string;
  keyFile: string;
  caFile?: string;
  keyEncrypted: boolean;
  ignoreCn: boolean;
}

/**
 * The `<Server><Tls>` entry for the target's StaticRoutes.xml (inside `<RemoteConnections>`). The key password is
 * never written here: next to the key it would undo the encryption, so the fragment says where it goes.
 */
export function serverTlsFragment(options: ServerFragmentOptions): string {
  const at = (file: string) => escapeXml(joinTargetPath(options.installDir, file));
  const lines = [
    '<!-- Goes inside <RemoteConnections> of StaticRoutes.xml on the target; TwinCAT reads it when its router re-initialises. -->',
    '<Server>',
    `  <Tls${options.ignoreCn ? ' IgnoreCn="true"' : ''}>`,
    `    <Ca>${at(options.caFile ?? 'rootCA.pem')}</Ca>`,
    `    <Cert>${at(options.certFile)}</Cert>`,
    `    <Key>${at(options.keyFile)}</Key>`,
    ...(options.keyEncrypted ? ['    <!-- The key is encrypted: add <KeyPwd>its password</KeyPwd> here, on the target only. -->'] : []),
    '  </Tls>',
    '</Server>',
  ];
  return `${lines.join('\n')}\n`;
}

export function joinTargetPath(dir: string, file: string): string {
  const separator = dir.includes('\\') || /^[A-Za-z]:/.test(dir) ? '\\' : '/';
  const trimmed = dir.replace(/[\\/]+$/, '');
  return trimmed ? `${trimmed}${separator}${file}` : file;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
