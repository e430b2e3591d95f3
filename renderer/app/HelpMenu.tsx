import { useState } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import HelpOutlineOutlined from '@mui/icons-material/HelpOutlineOutlined';
import { useTranslation } from '../i18n';

/** In the order a user meets them: the Targets page first, then what holds everywhere. */
const SHORTCUTS = ['filter', 'repeat', 'rows', 'space', 'ctrlClick', 'escape', 'nav'] as const;

function ShortcutsDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useTranslation('app');
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="shortcuts-title" maxWidth="sm" fullWidth>
      <DialogTitle id="shortcuts-title">{t('help.shortcutsTitle')}</DialogTitle>
      <DialogContent>
        <Table aria-labelledby="shortcuts-title">
          <TableHead>
            <TableRow>
              <TableCell>{t('help.keys')}</TableCell>
              <TableCell>{t('help.action')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {SHORTCUTS.map((id) => (
              <TableRow key={id}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  <kbd>{t(`help.shortcuts.${id}.keys`)}</kbd>
                </TableCell>
                <TableCell>{t(`help.shortcuts.${id}.action`)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('help.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}

/** The "?" in the top bar: a menu of help topics; for now the keyboard shortcuts. */
export function HelpMenu() {
  const { t } = useTranslation('app');
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  return (
    <>
      <IconButton
        color="inherit"
        aria-label={t('help.button')}
        title={t('help.button')}
        aria-haspopup="menu"
        aria-expanded={anchor !== null}
        aria-controls={anchor ? 'help-menu' : undefined}
        onClick={(event) => setAnchor(event.currentTarget)}
        sx={{ ml: 'auto' }}
      >
        <HelpOutlineOutlined />
      </IconButton>
      <Menu id="help-menu" anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        <MenuItem
          onClick={() => {
            setAnchor(null);
            setShortcutsOpen(true);
          }}
        >
          {t('help.shortcutsMenu')}
        </MenuItem>
      </Menu>
      <ShortcutsDialog open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />
    </>
  );
}
