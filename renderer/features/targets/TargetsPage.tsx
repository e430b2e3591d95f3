import { useEffect, useMemo, useRef, useState, type ComponentType } from 'react';
import { ColumnChooser, useHiddenColumns } from './ColumnChooser';
import { useTargetsShortcuts } from './use-shortcuts';
import Button from '@mui/material/Button';
import InputAdornment from '@mui/material/InputAdornment';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AddLinkOutlined from '@mui/icons-material/AddLinkOutlined';
import FilterListOutlined from '@mui/icons-material/FilterListOutlined';
import { targetKey, type DiscoveredTarget } from '../../../shared/domain/target';
import type { KnownFingerprint } from '../../../shared/domain/known-fingerprint';
import { PageLayout } from '../../components/PageLayout';
import { useRequest } from '../../api/use-request';
import { useKnownFingerprints } from '../../api/use-known-fingerprints';
import { Trans, useFormat, useTranslation } from '../../i18n';
import Alert from '@mui/material/Alert';
import { useApi } from '../../api/ApiProvider';
import { adapterKey, defaultAdapterChoice } from './AdapterChoice';
import { BIG_RANGE_ADDRESSES } from './big-range';
import { BigRangeDialog, type BigRangeQuestion } from './BigRangeDialog';
import { SearchFeedback } from './SearchFeedback';
import { DEFAULT_TIMEOUT_MS, SearchPanel, splitEntries, splitRanges, type SearchFields } from './SearchPanel';
import { TargetsTable } from './TargetsTable';
import { useColumnLayout } from './use-column-layout';
import ListAltOutlined from '@mui/icons-material/ListAltOutlined';
import { TargetRoutesDialog, type TargetRoutesSubject } from '../../components/TargetRoutesDialog';
import { subjectOverRoute } from '../../components/route-connection';
import type { LocalRoute } from '../../../shared/domain/route';

import { nextSort, visibleTargets, type TargetColumn, type TargetSort } from './target-table-model';
import { sweepWindowMs, useDiscovery, type DiscoveryState, type SearchKind } from './use-discovery';
import { useLocalRoutesByNetId } from './use-connected-routes';
import type { TFunction } from 'i18next';

/** How the panel reaches a target: the way this PC's route to it is secured, plain ADS when there is none. */
function subjectFor(target: DiscoveredTarget, route: LocalRoute | undefined): TargetRoutesSubject {
  return subjectOverRoute({ name: target.hostname, address: target.address, netId: target.netId }, route?.tls);
}

/** Fields the user has not touched yet follow their defaults (adapters as listed, the demo's startup search). */
interface EditedFields {
  hosts?: string;
  ranges?: string;
  timeoutMs?: number;
  adapters?: ReadonlySet<string>;
}

function emptyTableText(t: TFunction<'targets'>, discovery: DiscoveryState, hiddenByFilter: boolean): string {
  if (hiddenByFilter) return t('empty.filtered');
  if (discovery.phase === 'starting' || discovery.phase === 'searching') return t('empty.waiting');
  if (discovery.phase === 'done') return discovery.summary?.cancelled ? t('empty.cancelled') : t('empty.none');
  return t('empty.idle');
}

function systemsFoundText(t: TFunction<'targets'>, total: number, shown: number, selected: number): string {
  const found = t('found', { count: total });
  const text = shown === total ? found : t('shown', { found, shown });
  return selected > 0 ? t('selected', { text, count: selected }) : text;
}

/** What the Targets view needs of the Add Route dialog; the app plugs the real one in (features never import each other). */
export interface AddRouteDialogSlotProps {
  open: boolean;
  targets: DiscoveredTarget[];
  /** The page's remembered fingerprints, kept current, so the dialog asks the services for none of its own. */
  knownFingerprints: readonly KnownFingerprint[];
  onClose: () => void;
}

export interface TargetsPageProps {
  AddRouteDialog: ComponentType<AddRouteDialogSlotProps>;
}

export function TargetsPage({ AddRouteDialog }: TargetsPageProps) {
  const { t } = useTranslation('targets');
  const adapters = useRequest('network:adapters', {});
  const info = useRequest('app:info', {});
  const startupSearch = info.data?.startupSearch ?? null;
  const routes = useLocalRoutesByNetId();
  const knownList = useKnownFingerprints();
  const { t: trustText } = useTranslation('trust');
  const format = useFormat();
  const known = useMemo(() => new Map(knownList.map((entry) => [entry.netId, entry])), [knownList]);
  const { state: discovery, start, cancel, last } = useDiscovery();
  const api = useApi();

  const [edited, setEdited] = useState<EditedFields>({});
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<TargetSort | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [routesOf, setRoutesOf] = useState<TargetRoutesSubject | null>(null);
  const { t: tRoutes } = useTranslation('targetRoutes');
  const [dialogOpen, setDialogOpen] = useState(false);
  const [hiddenColumns, setHiddenColumns] = useHiddenColumns();
  const columnLayout = useColumnLayout(hiddenColumns);
  const filterField = useRef<HTMLInputElement>(null);

  const defaultAdapters = useMemo(() => defaultAdapterChoice(adapters.data ?? []), [adapters.data]);
  const fields: SearchFields = {
    hosts: edited.hosts ?? startupSearch?.hosts.join(', ') ?? '',
    ranges: edited.ranges ?? startupSearch?.ranges.join(', ') ?? '',
    timeoutMs: edited.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    adapters: edited.adapters ?? defaultAdapters,
  };

  const runSearch = (kind: SearchKind) => {
    setSelected(new Set());
    const chosenAdapters = (adapters.data ?? [])
      .filter((adapter) => fields.adapters.has(adapterKey(adapter)))
      .map((adapter) => adapter.address);
    if (kind === 'broadcast') void start({ kind, adapters: chosenAdapters, timeoutMs: fields.timeoutMs });
    else if (kind === 'host') void start({ kind, hosts: splitEntries(fields.hosts), timeoutMs: fields.timeoutMs });
    else void askBeforeBigRange(splitRanges(fields.ranges), fields.timeoutMs);
  };

  // A sweep over more than BIG_RANGE_ADDRESSES says what it will cost and waits for a yes. If the services cannot
  // estimate it (a bad range), the search itself reports why.
  const [bigRange, setBigRange] = useState<(BigRangeQuestion & { ranges: string[]; timeoutMs: number }) | null>(null);
  const askBeforeBigRange = async (ranges: string[], timeoutMs: number) => {
    const estimate = await api.invoke('discovery:estimate', { ranges, perHostTimeoutMs: sweepWindowMs(timeoutMs) });
    if (estimate.ok && estimate.data.addresses > BIG_RANGE_ADDRESSES) setBigRange({ ...estimate.data, ranges, timeoutMs });
    else void start({ kind: 'range', ranges, timeoutMs });
  };
  const confirmBigRange = () => {
    if (bigRange) void start({ kind: 'range', ranges: bigRange.ranges, timeoutMs: bigRange.timeoutMs });
    setBigRange(null);
  };

  // The demo (and a start with --search) asks for one search as the view opens: run it once, never on reconnects.
  const startupDone = useRef(false);
  useEffect(() => {
    if (!startupSearch || startupDone.current) return;
    if (startupSearch.hosts.length === 0 && startupSearch.ranges.length === 0) return;
    startupDone.current = true;
    void start({
      kind: startupSearch.hosts.length > 0 ? 'host' : 'range',
      hosts: startupSearch.hosts,
      ranges: startupSearch.ranges,
      timeoutMs: DEFAULT_TIMEOUT_MS,
    });
  }, [startupSearch, start]);

  const busy = discovery.phase === 'starting' || discovery.phase === 'searching';
  useTargetsShortcuts({
    focusFilter: () => {
      filterField.current?.focus();
      filterField.current?.select();
    },
    repeatSearch: () => {
      if (last && !busy) {
        setSelected(new Set());
        void start(last);
      }
    },
  });

  // Thousands of rows: filter and sort only when their inputs change, not on every selection click.
  const rows = useMemo(
    () => visibleTargets(discovery.targets, { filter, sort, connected: (target) => routes.has(target.netId) }),
    [discovery.targets, filter, sort, routes],
  );
  const selectedTargets = useMemo(
    () => (selected.size === 0 ? [] : discovery.targets.filter((target) => selected.has(targetKey(target)))),
    [discovery.targets, selected],
  );
  const changed = useMemo(
    () =>
      known.size === 0
        ? []
        : discovery.targets.flatMap((target) => {
            const entry = known.get(target.netId);
            return entry && target.fingerprint && entry.fingerprint !== target.fingerprint.toLowerCase() ? [{ target, entry }] : [];
          }),
    [discovery.targets, known],
  );

  const toggleAdapter = (key: string) => {
    const next = new Set(fields.adapters);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setEdited((current) => ({ ...current, adapters: next }));
  };

  return (
    <PageLayout title={t('title')} description={t('description')}>
      <SearchPanel
        fields={fields}
        onFieldsChange={(change) => setEdited((current) => ({ ...current, ...change }))}
        onToggleAdapter={toggleAdapter}
        adapters={adapters.data}
        adaptersError={adapters.error?.message}
        discovery={discovery}
        onSearch={runSearch}
        onCancel={() => void cancel()}
      />
      <BigRangeDialog question={bigRange} onConfirm={confirmBigRange} onCancel={() => setBigRange(null)} />
      <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap' }}>
        <Typography variant="body2" role="status" sx={{ flexGrow: 1, fontWeight: 500, minWidth: 200 }}>
          {systemsFoundText(t, discovery.targets.length, rows.length, selectedTargets.length)}
        </Typography>
        <TextField
          label={t('filter.label')}
          placeholder={t('filter.placeholder')}
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          inputRef={filterField}
          slotProps={{
            input: {
              startAdornment: (
                <InputAdornment position="start">
                  <FilterListOutlined fontSize="small" />
                </InputAdornment>
              ),
            },
          }}
          sx={{ width: 260 }}
        />
        <ColumnChooser hidden={hiddenColumns} shown={columnLayout.columns} onChange={setHiddenColumns} />
        <Button
          variant="outlined"
          startIcon={<ListAltOutlined />}
          disabled={selectedTargets.length !== 1}
          onClick={() => {
            const target = selectedTargets[0];
            if (target) setRoutesOf(subjectFor(target, routes.get(target.netId)));
          }}
        >
          {tRoutes('openFromTargets')}
        </Button>
        <Button
          variant="contained"
          startIcon={<AddLinkOutlined />}
          disabled={selectedTargets.length === 0}
          onClick={() => setDialogOpen(true)}
        >
          {t('addRoute')}
        </Button>
      </Stack>
      {changed.map(({ target, entry }) => (
        <Alert key={targetKey(target)} severity="error" role="alert" data-testid="fingerprint-changed-banner" sx={{ mb: 1 }}>
          <Trans
            t={trustText}
            i18nKey="changedBanner"
            values={{ name: target.hostname, netId: target.netId, address: target.address, date: format.date(entry.firstSeen) }}
            components={[<strong key="name" />]}
          />
        </Alert>
      ))}
      <TargetsTable
        rows={rows}
        emptyText={emptyTableText(t, discovery, discovery.targets.length > 0)}
        selected={selected}
        onSelectionChange={setSelected}
        sort={sort}
        onSort={(column: TargetColumn) => setSort((current) => nextSort(current, column))}
        routes={routes}
        known={known}
        layout={columnLayout}
      />
      <SearchFeedback discovery={discovery} />
      <AddRouteDialog open={dialogOpen} targets={selectedTargets} knownFingerprints={knownList} onClose={() => setDialogOpen(false)} />
      <TargetRoutesDialog subject={routesOf} onClose={() => setRoutesOf(null)} />
    </PageLayout>
  );
}
