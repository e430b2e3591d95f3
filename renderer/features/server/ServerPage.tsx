import { useMemo, useState } from 'react';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import RefreshIcon from '@mui/icons-material/Refresh';
import { PageLayout } from '../../components/PageLayout';
import { ServiceErrorAlert } from '../../components/ServiceError';
import { useTranslation } from '../../i18n';
import { ChangeDialog, type BatchHooks, type ChangeRequest } from './ChangeDialog';
import { CredentialsDialog } from './CredentialsDialog';
import { caDraftOf, HandOverBanner, placeForHandOver, type CaHandOver, type HandOverMatch } from './HandOverBanner';
import { PlaceDetails } from './PlaceDetails';
import { LOCAL_KEY, type Place } from './places';
import { PlacesTable } from './PlacesTable';
import { RestartDialog } from './RestartDialog';
import type { RestartMode } from './use-server-batch';
import { useServerPlaces } from './use-server-places';

/**
 * The Secure ADS server of this PC and of every target it has a route to: who may create routes there (PSK
 * identities, CA files, SecureOnly), changed for one system or many at once, then restarted and proved.
 * `handOver`: a device certificate to install; its system is preselected and Set CA files starts with its files.
 */
export function ServerPage({ handOver = null }: { handOver?: CaHandOver | null }) {
  const { t } = useTranslation('server');
  const server = useServerPlaces();
  const { places, reads, read } = server;
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [focused, setFocused] = useState<string>(LOCAL_KEY);
  const [change, setChange] = useState<{ request: ChangeRequest; places: Place[] } | null>(null);
  const [restart, setRestart] = useState<{ mode: RestartMode; places: Place[] } | null>(null);
  const [credentialsFor, setCredentialsFor] = useState<Place | null>(null);
  const [pendingCa, setPendingCa] = useState(handOver);
  // The system the handed-over certificate is for, chosen once the routes are listed (null: none listed).
  const [handOverKey, setHandOverKey] = useState<string | null | undefined>(undefined);
  if (pendingCa && handOverKey === undefined && server.loaded) {
    const place = placeForHandOver(places, pendingCa);
    setHandOverKey(place?.key ?? null);
    if (place) {
      setSelected(new Set([place.key]));
      setFocused(place.key);
    }
  }

  const hooks: BatchHooks = useMemo(
    () => ({
      revisionOf: (key) => reads[key]?.result?.revision ?? null,
      onApplied: server.applied,
      onState: server.setAdsState,
      onProved: (keys) => void read(keys),
    }),
    [reads, read, server.applied, server.setAdsState],
  );

  const handOverMatch = (key: string | null): HandOverMatch => {
    if (key === null) return 'none';
    return places.find((place) => place.key === key)?.server ? 'ready' : 'needs-secret';
  };
  // Only systems the services can reach take part in a change (a PSK route needs its secret first).
  const chosen = places.filter((place) => selected.has(place.key) && place.server);
  const focusedPlace = places.find((place) => place.key === focused) ?? places[0];
  const toggle = (key: string) =>
    setSelected((old) => {
      const next = new Set(old);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  const openChange = (request: ChangeRequest, on: Place[] = chosen) => setChange({ request, places: on });

  return (
    <PageLayout
      title={t('title')}
      description={t('description')}
      actions={
        <Button startIcon={<RefreshIcon />} onClick={() => void server.read()} sx={{ whiteSpace: 'nowrap' }}>
          {t('refresh')}
        </Button>
      }
    >
      {pendingCa && (
        <HandOverBanner
          handOver={pendingCa}
          {...(handOverKey !== undefined ? { matched: handOverMatch(handOverKey) } : {})}
          onDismiss={() => setPendingCa(null)}
        />
      )}
      {server.routesError && <ServiceErrorAlert error={server.routesError} lead={t('routesFailed')} sx={{ mb: 1 }} />}
      <Stack
        direction="row"
        spacing={1}
        role="toolbar"
        aria-label={t('actions.label')}
        sx={{ mb: 1, alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}
      >
        <Button variant="contained" disabled={chosen.length === 0} onClick={() => openChange({ kind: 'add-psk' })}>
          {t('actions.addPsk')}
        </Button>
        <Button variant="outlined" disabled={chosen.length === 0} onClick={() => openChange({ kind: 'remove-psk' })}>
          {t('actions.removePsk')}
        </Button>
        <Button
          variant="outlined"
          disabled={chosen.length === 0}
          onClick={() => openChange({ kind: 'set-tls', ...(pendingCa ? { ca: caDraftOf(pendingCa) } : {}) })}
        >
          {t('actions.setCa')}
        </Button>
        <Button variant="outlined" disabled={chosen.length === 0} onClick={() => openChange({ kind: 'clear-tls' })}>
          {t('actions.clearCa')}
        </Button>
        <Button variant="outlined" disabled={chosen.length === 0} onClick={() => openChange({ kind: 'set-secure-only' })}>
          {t('actions.secureOnly')}
        </Button>
        <Button
          variant="outlined"
          disabled={!chosen.some((place) => place.route)}
          onClick={() => setRestart({ mode: 'config', places: chosen })}
        >
          {t('actions.restartConfig')}
        </Button>
        <Button
          variant="outlined"
          disabled={!chosen.some((place) => place.route)}
          onClick={() => setRestart({ mode: 'run', places: chosen })}
        >
          {t('actions.restartRun')}
        </Button>
        <Typography variant="body2" color="text.secondary" role="status">
          {chosen.length > 0 ? t('places.selected', { count: chosen.length }) : t('actions.hint')}
        </Typography>
      </Stack>
      <Paper variant="outlined">
        <PlacesTable
          places={places}
          reads={reads}
          selected={selected}
          focused={focusedPlace?.key ?? null}
          onToggle={toggle}
          onToggleAll={(on) => setSelected(new Set(on ? places.map((place) => place.key) : []))}
          onFocus={setFocused}
          onCredentials={setCredentialsFor}
        />
      </Paper>
      {places.length === 1 && (
        <Typography color="text.secondary" sx={{ mt: 1 }}>
          {t('places.noRoutes')}
        </Typography>
      )}
      {focusedPlace && (
        <PlaceDetails
          place={focusedPlace}
          read={reads[focusedPlace.key]}
          actions={{
            onRemoveIdentity: (identity) => openChange({ kind: 'remove-psk', identity }, [focusedPlace]),
            onSecureOnly: (on) => openChange({ kind: 'set-secure-only', on }, [focusedPlace]),
            onClearTls: () => openChange({ kind: 'clear-tls' }, [focusedPlace]),
            onCredentials: setCredentialsFor,
            onSetLocalFolder: server.setLocalFolder,
          }}
        />
      )}
      {change && (
        <ChangeDialog
          request={change.request}
          places={change.places}
          reads={reads}
          hooks={hooks}
          onClose={(applied) => {
            // Once its files are set somewhere, the handed-over certificate has been dealt with.
            if (applied && change.request.ca) setPendingCa(null);
            setChange(null);
          }}
        />
      )}
      {restart && <RestartDialog mode={restart.mode} places={restart.places} hooks={hooks} onClose={() => setRestart(null)} />}
      {credentialsFor && (
        <CredentialsDialog
          place={credentialsFor}
          onCancel={() => setCredentialsFor(null)}
          onUse={(secrets) => {
            server.setSecrets(credentialsFor.key, secrets);
            setCredentialsFor(null);
          }}
        />
      )}
    </PageLayout>
  );
}
