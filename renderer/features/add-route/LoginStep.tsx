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

function OsLogin({ method, fields, onFieldsChange }: Pick<LoginStepProps, 'method' | 'fields' | 'onFieldsChange'>) {
  const { t } = useTranslation(['addRoute', 'loginChecks']);
  const problem = loginTextProblem(method, fields);
  return (
    <Stack spacing={2}>
      <Alert severity="info" role="note" sx={{ py: 0 }}>
        {t('login.factoryDefault')}
      </Alert>
      <TextField
        label={t('login.user')}
        value={fields.user}
        onChange={(event) => onFieldsChange({ user: event.target.value })}
        fullWidth
        required
        autoFocus
        slotProps={{ htmlInput: { autoComplete: 'off', spellCheck: false, autoCapitalize: 'off' } }}
      />
      <SecretField
        label={t('login.password')}
        value={fields.password}
        onChange={(password) => onFieldsChange({ password })}
        toggleLabel={t('login.showPassword')}
        error={problem !== null}
        helperText={problem === null ? undefined : t(problem === 'user' ? 'loginChecks:userCharset' : 'loginChecks:passwordCharset')}
      />
    </Stack>
  );
}

function PskLogin({ fields, onFieldsChange }: Pick<LoginStepProps, 'fields' | 'onFieldsChange'>) {
  const { t } = useTranslation(['addRoute', 'loginChecks']);
  const hex = isPskKeyHex(fields.pskKey);
  return (
    <Stack spacing={2}>
      <TextField
        label={t('login.identity')}
        value={fields.pskIdentity}
        onChange={(event) => onFieldsChange({ pskIdentity: event.target.value })}
        fullWidth
        required
        autoFocus
        slotProps={{ htmlInput: { autoComplete: 'off', spellCheck: false } }}
      />
      <SecretField
        label={t('login.key')}
        value={fields.pskKey}
        onChange={(pskKey) => onFieldsChange({ pskKey })}
        toggleLabel={t('login.showKey')}
        required
        helperText={fields.pskKey === '' ? t('login.keyEmpty') : hex ? t('login.keyHex') : t('login.keyPassword')}
      />
      {isWeakPskPassword(fields.pskKey) && (
        <Alert
          severity="warning"
          role="note"
          action={
            <Button color="inherit" onClick={() => onFieldsChange({ pskKey: randomPskKeyHex() })}>
              {t('loginChecks:useRandomKey')}
            </Button>
          }
        >
          {t('loginChecks:weakPsk')}
        </Alert>
      )}
    </Stack>
  );
}

function CaLogin({ fields, onFieldsChange }: Pick<LoginStepProps, 'fields' | 'onFieldsChange'>) {
  const { t } = useTranslation('addRoute');
  return (
    <Stack spacing={2}>
      <PathField label={t('login.caCertificate')} value={fields.caPath} onChange={(caPath) => onFieldsChange({ caPath })} autoFocus />
      <PathField label={t('login.clientCertificate')} value={fields.certPath} onChange={(certPath) => onFieldsChange({ certPath })} />
      <PathField label={t('login.privateKey')} value={fields.keyPath} onChange={(keyPath) => onFieldsChange({ keyPath })} />
      <SecretField
        label={t('login.privateKeyPassword')}
        value={fields.keyPassword}
        onChange={(keyPassword) => onFieldsChange({ keyPassword })}
        toggleLabel={t('login.showKeyPassword')}
        helperText={t('login.keyPasswordHelp')}
      />
      <FormControlLabel
        control={<Checkbox checked={fields.ignoreCn} onChange={(event) => onFieldsChange({ ignoreCn: event.target.checked })} />}
        label={t('login.ignoreCn')}
      />
    </Stack>
  );
}

/** The XAE login pop-up as a step of the dialog: credentials of the chosen method, then the fingerprint check for SSC. */
export function LoginStep(props: LoginStepProps) {
  const { t } = useTranslation('addRoute');
  const { method } = props;
  return (
    <Stack spacing={2.5} sx={{ pt: 1 }}>
      <Typography variant="body2" color="text.secondary">
        {t(`login.intro.${method}`)}
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
