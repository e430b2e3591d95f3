import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useRequest } from '../../api/use-request';
import { useTranslation } from '../../i18n';
import { CopyButton } from '../../components/CopyButton';

function Block({ title, text, copyLabel, note }: { title: string; text: string; copyLabel: string; note?: string }) {
  return (
    <Box>
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography variant="subtitle2">{title}</Typography>
        <CopyButton text={text} label={copyLabel} />
      </Stack>
      {note && (
        <Typography variant="body2" color="text.secondary">
          {note}
        </Typography>
      )}
      <Box
        component="pre"
        aria-label={title}
        sx={{ m: 0, mt: 0.5, p: 1, bgcolor: 'action.hover', borderRadius: 1, overflowX: 'auto', fontFamily: 'monospace', fontSize: 12 }}
      >
        {text}
      </Box>
    </Box>
  );
}

function ExportContent({ name }: { name: string }) {
  const { t } = useTranslation('routes');
  const { data, error, loading } = useRequest('twincat-routes:export', { name });
  if (error) return <Alert severity="error">{t('export.failed', { name, error: error.message })}</Alert>;
  if (loading || !data) return <LinearProgress aria-label={t('export.loading')} />;
  return (
    <Stack spacing={2}>
      <Typography variant="body2">{t('export.thisPc', data.thisPc)}</Typography>
      <Block
        title={t('export.fragment')}
        text={data.fragment}
        copyLabel={t('export.copyFragment')}
        {...(data.plainOnly ? { note: t('export.secureFragment') } : {})}
      />
      {data.plainOnly && <Alert severity="warning">{t('export.plainOnly')}</Alert>}
      <Block title={t('export.adstool')} text={data.adstool} copyLabel={t('export.copyAdstool')} />
      <Block title={t('export.pyads')} text={data.pyads} copyLabel={t('export.copyPyads')} />
      <Typography variant="body2" color="text.secondary">
        {t('export.noPassword')}
      </Typography>
    </Stack>
  );
}

/** One of this PC's routes for a PC without TwinCAT: a StaticRoutes.xml entry and adstool / pyads lines to copy. */
export function RouteExportDialog({ name, onClose }: { name: string | null; onClose(): void }) {
  const { t } = useTranslation('routes');
  return (
    <Dialog open={name !== null} onClose={onClose} aria-labelledby="route-export-title" maxWidth="md" fullWidth>
      <DialogTitle id="route-export-title">{t('export.title', { name: name ?? '' })}</DialogTitle>
      <DialogContent>{name !== null && <ExportContent name={name} />}</DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('export.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
