import type { DiscoveredTarget } from '../../../shared/domain/target';

export interface AddRouteDialogProps {
  open: boolean;
  /** The targets selected in the Targets view; one settings form and one login cover all of them. */
  targets: DiscoveredTarget[];
  onClose: () => void;
}

/** Placeholder until the Add Route feature lands: renders nothing. */
export function AddRouteDialog(_props: AddRouteDialogProps) {
  return null;
}
