import { visuallyHidden } from '@mui/utils';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import DeleteOutline from '@mui/icons-material/DeleteOutlined';
import LockOutlined from '@mui/icons-material/LockOutlined';
import { SECURE_METHOD_NAMES, type LocalRoute } from '../../../shared/domain/route';

function security(route: LocalRoute): string {
  return route.tls ? `Secure ADS (${SECURE_METHOD_NAMES[route.tls.mode]})` : 'Plain ADS';
}

function when(iso: string | null): string {
  if (!iso) return 'never';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

export function RoutesTable({ routes, onRemove }: { routes: readonly LocalRoute[]; onRemove(route: LocalRoute): void }) {
  return (
    <Table aria-label="Routes">
      <TableHead>
        <TableRow>
          <TableCell>Route</TableCell>
          <TableCell>AmsNetId</TableCell>
          <TableCell>Address</TableCell>
          <TableCell>Security</TableCell>
          <TableCell>Type</TableCell>
          <TableCell>Verified</TableCell>
          <TableCell>
            <Box component="span" sx={visuallyHidden}>
              Actions
            </Box>
          </TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {routes.map((route) => (
          <TableRow key={route.name} hover>
            <TableCell>
              {route.tls && <LockOutlined fontSize="inherit" titleAccess="Secure ADS" sx={{ mr: 0.5, verticalAlign: '-2px', color: 'success.main' }} />}
              {route.name}
            </TableCell>
            <TableCell>
              {route.netId}
              {route.virtualNetId && <Chip label={`NAT ${route.virtualNetId}`} variant="outlined" sx={{ ml: 1 }} />}
            </TableCell>
            <TableCell>{route.address}</TableCell>
            <TableCell>{security(route)}</TableCell>
            <TableCell>
              {route.temporary ? 'Temporary' : 'Static'}
              {route.unidirectional && <Chip label="unidirectional" variant="outlined" sx={{ ml: 1 }} />}
            </TableCell>
            <TableCell>{when(route.verifiedAt)}</TableCell>
            <TableCell align="right" sx={{ py: 0 }}>
              <Tooltip title="Remove">
                <IconButton size="small" aria-label={`Remove route ${route.name}`} onClick={() => onRemove(route)}>
                  <DeleteOutline fontSize="small" />
                </IconButton>
              </Tooltip>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
