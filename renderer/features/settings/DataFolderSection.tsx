import { useState } from 'react';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import { useRequest } from '../../api/use-request';
import { useTranslation } from '../../i18n';

const FILES = ['routes', 'identity', 'settings', 'knownFingerprints', 'certificates', 'logs'] as const;

/** Which folder the services use and why: the app, the browser host, the CLI and the demo must never be confused. */
export function DataFolderSection() {
  const { t } = useTranslation('dataFolder');
  const { data } = useRequest('app:info', {});
  const [copied, setCopied] = useState(false);
  if (!data) return null;
  const { path, kind } = data.dataDir;

  const copy = async () => {
    await navigator.clipboard?.writeText(path);
    setCopied(true);
  };

  return (
    <Box component="section" aria-labelledby="data-folder-heading" sx={{ mb: 4 }}>
      <Typography variant="h2" component="h2" id="data-folder-heading" sx={{ mb: 1 }}>
        {t('heading')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        {t('description')}
      </Typography>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
        <Typography component="code" aria-label={t('path')} sx={{ typography: 'mono', wordBreak: 'break-all' }}>
          {path}
        </Typography>
        <Tooltip title={copied ? t('copied') : t('copy')}>
          <IconButton aria-label={t('copy')} onClick={() => void copy()}>
            <ContentCopyIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      </Stack>
      <Typography variant="body2" sx={{ mb: 1 }}>
        {t(`kind.${kind}`)}
      </Typography>
      <Typography variant="body2" component="h3" sx={{ fontWeight: 600 }}>
        {t('contents')}
      </Typography>
      <Box component="ul" sx={{ mt: 0.5, pl: 3 }}>
        {FILES.map((file) => (
          <Typography component="li" variant="body2" key={file}>
            {t(`files.${file}`)}
          </Typography>
        ))}
      </Box>
    </Box>
  );
}
