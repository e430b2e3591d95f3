import { useState } from 'react';
import Button from '@mui/material/Button';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import CheckBox from '@mui/icons-material/CheckBox';
import CheckBoxOutlineBlank from '@mui/icons-material/CheckBoxOutlineBlank';
import ViewColumnOutlined from '@mui/icons-material/ViewColumnOutlined';
import { useTranslation } from '../../i18n';
import { ALWAYS_SHOWN, loadHiddenColumns, saveHiddenColumns } from './column-layout';
import { TARGET_COLUMNS, type TargetColumn } from './target-table-model';

/** The columns the user switched off, remembered across restarts. */
export function useHiddenColumns(): [ReadonlySet<TargetColumn>, (next: ReadonlySet<TargetColumn>) => void] {
  const [hidden, setHidden] = useState<ReadonlySet<TargetColumn>>(() => loadHiddenColumns());
  const change = (next: ReadonlySet<TargetColumn>) => {
    setHidden(next);
    saveHiddenColumns(next);
  };
  return [hidden, change];
}

interface ColumnChooserProps {
  hidden: ReadonlySet<TargetColumn>;
  /** What the table has on screen: a wanted column missing from it is left out for want of room. */
  shown: readonly TargetColumn[];
  onChange(hidden: ReadonlySet<TargetColumn>): void;
}

/** A menu of checkboxes, one per column; the name column always stays. */
export function ColumnChooser({ hidden, shown, onChange }: ColumnChooserProps) {
  const { t } = useTranslation('targets');
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const toggle = (column: TargetColumn) => {
    const next = new Set(hidden);
    if (next.has(column)) next.delete(column);
    else next.add(column);
    onChange(next);
  };
  return (
    <>
      <Button
        variant="outlined"
        startIcon={<ViewColumnOutlined />}
        title={t('columns.chooserTitle')}
        aria-haspopup="menu"
        aria-expanded={anchor !== null}
        aria-controls={anchor ? 'target-columns-menu' : undefined}
        onClick={(event) => setAnchor(event.currentTarget)}
      >
        {t('columns.chooser')}
      </Button>
      <Menu id="target-columns-menu" anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        {TARGET_COLUMNS.filter((column) => !ALWAYS_SHOWN.has(column.id)).map(({ id }) => {
          const wanted = !hidden.has(id);
          const noRoom = wanted && !shown.includes(id);
          return (
            <MenuItem key={id} role="menuitemcheckbox" aria-checked={wanted} onClick={() => toggle(id)} dense>
              <ListItemIcon>
                {wanted ? <CheckBox fontSize="small" color="primary" /> : <CheckBoxOutlineBlank fontSize="small" />}
              </ListItemIcon>
              <ListItemText primary={t(`table.columns.${id}`)} secondary={noRoom ? t('columns.noRoom') : undefined} />
            </MenuItem>
          );
        })}
      </Menu>
    </>
  );
}
