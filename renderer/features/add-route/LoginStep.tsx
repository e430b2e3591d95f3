import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { FingerprintCheck, type FingerprintCheckProps } from './FingerprintCheck';
import Button from '@mui/material/Button';
import { useTranslation } from '../../i18n';
import { isPskKeyHex, isWeakPskPassword, loginTextProblem, randomPskKeyHex, type LoginFields, type LoginMethod } from './login';
import { PathField } from '../../components/PathField';
import { SecretField } from '../../components/SecretField';

/** The SSC login shows the fingerprint check, so the step takes everything that check needs. */
interface LoginStepProps extends FingerprintCheckProps {
  method: LoginMethod;
  fields: LoginFields;
  onFieldsChange(update: Partial<LoginFields>): void;
}

const INTRO: Record<LoginMethod, string> = {
  none: 'An administrator account of the target operating system. Plain ADS sends it unencrypted.',
  ssc: 'An administrator account of the target operating system; it travels inside TLS, after the fingerprint check.',
  psk: 'An identity and key from the target’s Secure ADS server configuration (StaticRoutes.xml).',
  ca: 'Files on the machine running the ADS Route Studio services, issued by the CA the target trusts (.pem or .der).',
};

function OsLogin({ method, fields, onFieldsChange }: Pick<LoginStepProps, 'method' | 'fields' | 'onFieldsChange'>) {
  const { t } = useTranslation('loginChecks');
  const problem = loginTextProblem(method, fields);
  return (
    <Stack spacing={2}>
      <Alert severity="info" role="note" sx={{ py: 0 }}>
        Beckhoff CX and TwinCAT/BSD factory images use Administrator / 1
      </Alert>
      <TextField label="User name" value={fields.user} onChange={(event) => onFieldsChange({ user: event.target.value })} size="small" fullWidth required autoFocus slotProps={{ htmlInput: { autoComplete: 'off', spellCheck: false, autoCapitalize: 'off' } }} />
      <SecretField label="Password" value={fields.password} onChange={(password) => onFieldsChange({ password })} toggleLabel="Show password" error={problem !== null} helperText={problem === null ? undefined : t(problem === 'user' ? 'userCharset' : 'passwordCharset')} />
    </Stack>
  );
}

function PskLogin({ fields, onFieldsChange }: Pick<LoginStepProps, 'fields' | 'onFieldsChange'>) {
  const { t } = useTranslation('loginChecks');
  const hex = isPskKeyHex(fields.pskKey);
  return (
    <Stack spacing={2}>
      <TextField label="Identity" value={fields.pskIdentity} onChange={(event) => onFieldsChange({ pskIdentity: event.target.value })} size="small" fullWidth required autoFocus slotProps={{ htmlInput: { autoComplete: 'off', spellCheck: false } }} />
      <SecretField
        label="Key"
        value={fields.pskKey}
        onChange={(pskKey) => onFieldsChange({ pskKey })}
        toggleLabel="Show key"
        required
        helperText={fields.pskKey === '' ? 'The password of the identity, or the key itself as 64 hex digits' : hex ? '64 hex digits: used as the key itself' : 'A password: the key is derived from identity and password'}
      />
      {isWeakPskPassword(fields.pskKey) && (
        <Alert
          severity="warning"
          role="note"
          action={
            <Button color="inherit" size="small" onClick={() => onFieldsChange({ pskKey: randomPskKeyHex() })}>
              {t('useRandomKey')}
            </Button>
          }
        >
          {t('weakPsk')}
        </Alert>
      )}
    </Stack>
  );
}

function CaLogin({ fields, onFieldsChange }: Pick<LoginStepProps, 'fields' | 'onFieldsChange'>) {
  return (
    <Stack spacing={2}>
      <PathField label="CA certificate" value={fields.caPath} onChange={(caPath) => onFieldsChange({ caPath })} autoFocus />
      <PathField label="Client certificate" value={fields.certPath} onChange={(certPath) => onFieldsChange({ certPath })} />
      <PathField label="Private key" value={fields.keyPath} onChange={(keyPath) => onFieldsChange({ keyPath })} />
      <SecretField label="Key password" value={fields.keyPassword} onChange={(keyPassword) => onFieldsChange({ keyPassword })} toggleLabel="Show key password" helperText="Only for an encrypted private key" />
      <FormControlLabel control={<Checkbox size="small" checked={fields.ignoreCn} onChange={(event) => onFieldsChange({ ignoreCn: event.target.checked })} />} label="Ignore CN" />
    </Stack>
  );
}

/** The XAE login pop-up as a step of the dialog: credentials of the chosen method, then the fingerprint check for SSC. */
export function LoginStep(props: LoginStepProps) {
  const { method } = props;
  return (
    <Stack spacing={2.5} sx={{ pt: 1 }}>
      <Typography variant="body2" color="text.secondary">
        {INTRO[method]}
      </Typography>
      <Box sx={{ maxWidth: method === 'ca' ? undefined : 420 }}>
        {method === 'psk' ? <PskLogin {...props} /> : method === 'ca' ? <CaLogin {...props} /> : <OsLogin {...props} />}
      </Box>
      {method === 'ssc' && (
        <FingerprintCheck
          targets={props.targets}
          certificates={props.certificates}
          refetch={props.refetch}
          compares={props.compares}
          onCompareChange={props.onCompareChange}
          trusts={props.trusts}
          ticks={props.ticks}
          onTick={props.onTick}
        />
      )}
    </Stack>
  );
}
