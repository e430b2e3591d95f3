import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Paper from '@mui/material/Paper';
import type { NetworkAdapter } from '../../../shared/domain/network';

const COLUMNS = ['Name', 'IPv4 address', 'Netmask', 'Broadcast', 'Link-local'] as const;

/** One row per adapter address (an adapter with two addresses has two rows). */
export function AdaptersTable({ adapters }: { adapters: readonly NetworkAdapter[] }) {
  return (
    <TableContainer component={Paper} variant="outlined">
      <Table aria-label="Network adapters">
        <TableHead>
          <TableRow>
            {COLUMNS.map((column) => (
              <TableCell key={column}>{column}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {adapters.length === 0 ? (
            <TableRow>
              <TableCell colSpan={COLUMNS.length} sx={{ color: 'text.secondary' }}>
                No network adapter with an IPv4 address was found. Connect a cable or check the adapter settings.
              </TableCell>
            </TableRow>
          ) : (
            adapters.map((adapter) => (
              <TableRow key={`${adapter.name}/${adapter.address}`} hover>
                <TableCell>{adapter.name}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace' }}>{adapter.address}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace' }}>{adapter.netmask}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace' }}>{adapter.broadcast}</TableCell>
                <TableCell>
                  {adapter.linkLocal ? (
                    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                      <span>Yes</span>
                      {/* 169.254.x.x usually means no DHCP lease: a common reason a search finds nothing. */}
                      <Chip label="link-local" color="warning" title="No DHCP lease: the adapter picked a 169.254.x.x address itself" />
                    </Stack>
                  ) : (
                    'No'
                  )}
                </TableCell>
              </TableRow>
            ))
          )}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
