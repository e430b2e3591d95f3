import { useState } from 'react';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import CheckIcon from '@mui/icons-material/Check';
import { useTranslation } from '../i18n';

/** Copies `text`; the tooltip says so, the button keeps its name. */
export function CopyButton({ text, label, size = 'small' }: { text: string; label: string; size?: 'small' | 'medium' }) {
  const { t } = useTranslation('common');
  const [copied, setCopied] = useState(false);
  return (
    <Tooltip title={copied ? t('copied') : label}>
      <IconButton
        aria-label={label}
        size={size}
        onClick={() => {
          void navigator.clipboard?.writeText(text).then(
            () => setCopied(true),
            () => setCopied(false),
          );
        }}
      >
        {copied ? <CheckIcon fontSize="small" /> : <ContentCopyIcon fontSize="small" />}
      </IconButton>
    </Tooltip>
  );
}
