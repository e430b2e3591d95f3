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
import ListAltOutlined from '@mui/icons-material/ListAltOutlined';
import NetworkCheckOutlined from '@mui/icons-material/NetworkCheckOutlined';
import { SECURE_METHOD_NAMES, type LocalRoute } from '../../../shared/domain/route';

function security(route: LocalRoute): string {
  return route.tls ? `Secure ADS (${SECURE_METHOD_NAMES[route.tls.mode]})` : 'Plain ADS';
}

function when(iso: string | null): string {
  if (!iso) return 'never';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

export interface RoutesTableProps {
  routes: readonly LocalRoute[];
  onRemove(route: LocalRoute): void;
  /** Re-runs the verification (ReadState + ReadDeviceInfo). */
  onTest?(route: LocalRoute): void;
  /** Opens the target's own route list. */
  onShowTargetRoutes?(route: LocalRoute): void;
  labels?: { test(route: string): string; targetRoutes(route: string): string };
}

export function RoutesTable({ routes, onRemove, onTest, onShowTargetRoutes, labels }: RoutesTableProps) {
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
              {route.tls && (
                <LockOutlined fontSize="inherit" titleAccess="Secure ADS" sx={{ mr: 0.5, verticalAlign: '-2px', color: 'success.main' }} />
              )}
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
            <TableCell align="right" sx={{ py: 0, whiteSpace: 'nowrap' }}>
              {onTest && labels && (
                <Tooltip title={labels.test(route.name)}>
                  <IconButton aria-label={labels.test(route.name)} onClick={() => onTest(route)}>
                    <NetworkCheckOutlined fontSize="small" />
                  </IconButton>
                </Tooltip>
              )}
              {onShowTargetRoutes && labels && (
                <Tooltip title={labels.targetRoutes(route.name)}>
                  <IconButton aria-label={labels.targetRoutes(route.name)} onClick={() => onShowTargetRoutes(route)}>
                    <ListAltOutlined fontSize="small" />
                  </IconButton>
                </Tooltip>
              )}
              <Tooltip title="Remove">
                <IconButton aria-label={`Remove route ${route.name}`} onClick={() => onRemove(route)}>
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
